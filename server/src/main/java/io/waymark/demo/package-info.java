/**
 * Demo mode ({@code --demo} or {@code WAYMARK_DEMO=true}): seeds a demo company (two teams, their reps, devices,
 * territories, a manager and a dispatcher) and runs simulated reps that walk a street grid and knock doors, each
 * through the real device protocol with the device SDK, so that a fresh server shows a live map at once.
 */
package io.waymark.demo;
