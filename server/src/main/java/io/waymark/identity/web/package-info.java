/** The HTTP side of identity: web security, token login and the set-up API for teams, users, reps and devices. */
package io.waymark.identity.web;
