/** The RSocket adapter of ingest: device authentication at SETUP, routing, and both transports (TCP, WebSocket). */
package io.waymark.ingest.rsocket;
