/** Who is who: users, roles and tokens, teams, reps and their devices. */
package io.waymark.identity;
