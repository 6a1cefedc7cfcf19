/** Distances on the Earth's surface between WGS84 positions, shared by every module that measures movement. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.waymark.geo;
