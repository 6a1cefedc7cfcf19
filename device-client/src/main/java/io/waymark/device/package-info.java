/** The reactive device SDK: connects to Waymark over RSocket and streams a durable local buffer of pings and activities. */
package io.waymark.device;
