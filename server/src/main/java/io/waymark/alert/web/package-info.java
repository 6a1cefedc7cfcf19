/** The alerts' REST adapter: list, acknowledge, assign and resolve alerts, and the teams' alert policies. */
package io.waymark.alert.web;
