/** The internal event bus that carries facts between modules, kept behind a small interface. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.waymark.bus;
