/** Renders every failure of an HTTP request, from any module or from the framework, as an RFC 9457 problem. */
package io.waymark.problem.web;
