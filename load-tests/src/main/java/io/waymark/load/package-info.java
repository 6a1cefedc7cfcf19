/** Benchmarks that drive a running Waymark server with simulated devices and measure durable ingest. */
package io.waymark.load;
