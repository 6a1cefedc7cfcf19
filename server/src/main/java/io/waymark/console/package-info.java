/** The operations console's server side: the settings the web page reads at start, such as its base map tiles. */
package io.waymark.console;
