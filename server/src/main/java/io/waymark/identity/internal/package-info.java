/** How identity works inside: users, tokens, teams, reps and devices in the database. */
package io.waymark.identity.internal;
