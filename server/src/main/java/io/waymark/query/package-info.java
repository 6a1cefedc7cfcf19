/**
 * What the read APIs of every module share in their query parameters: instants given as epoch milliseconds or
 * ISO-8601, inclusive time windows with a default span, row limits; every bad parameter is collected, so that one
 * 400 problem names them all.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.waymark.query;
