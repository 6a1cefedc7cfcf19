/** The HTTP side of webhooks: a team's webhooks ({@code /api/teams/{teamId}/webhooks}) and their delivery logs. */
package io.waymark.webhook.web;
