/** The HTTP side of territories: {@code /api/territories}. */
package io.waymark.territory.web;
