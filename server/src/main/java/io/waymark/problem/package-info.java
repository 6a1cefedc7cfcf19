/** Failures every module may raise (not found, forbidden, conflict, invalid input), told to clients as RFC 9457 problems. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.waymark.problem;
