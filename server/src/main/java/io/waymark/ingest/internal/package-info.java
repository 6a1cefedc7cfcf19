/** The ingest pipeline's stages (read, validate, filter, persist, publish) and the state each keeps. */
package io.waymark.ingest.internal;
