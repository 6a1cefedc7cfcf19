/**
 * Webhooks: each team's alert events POSTed as JSON signed with HMAC-SHA256 to the URLs the team configured,
 * retried with backoff, with a log of every attempt, never in the way of the bus or the live WebSocket.
 */
package io.waymark.webhook;
