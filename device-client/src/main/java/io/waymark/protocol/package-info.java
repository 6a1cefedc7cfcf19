/** The device protocol's messages as records, shared by the server, the device SDK and the load tests. */
package io.waymark.protocol;
