/** How webhooks are kept, and how alert events are queued, signed, sent, retried and logged. */
package io.waymark.webhook.internal;
