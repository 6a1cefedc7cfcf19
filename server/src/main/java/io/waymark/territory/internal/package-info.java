/** How territories work inside: GeoJSON reading and validation, storage, and the locator's live index. */
package io.waymark.territory.internal;
