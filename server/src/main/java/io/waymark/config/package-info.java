/** Start-up wiring shared by every module: the database URLs and the clock. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.waymark.config;
