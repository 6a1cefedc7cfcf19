/** The Waymark server application: boots the feature modules below it. */
package io.waymark;
