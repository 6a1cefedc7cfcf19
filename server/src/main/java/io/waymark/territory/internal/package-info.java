/** How territories work inside: GeoJSON validation and storage. */
package io.waymark.territory.internal;
