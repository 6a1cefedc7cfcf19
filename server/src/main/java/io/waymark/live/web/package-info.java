/** The live WebSocket {@code /ws/live}: snapshot, then rep, activity and alert messages, per user and team. */
package io.waymark.live.web;
