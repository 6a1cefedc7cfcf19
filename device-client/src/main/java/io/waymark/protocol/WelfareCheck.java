package io.waymark.protocol;

/** The server asks the rep "are you OK?" ({@code device.check}). */
public record WelfareCheck(String alertId, String message) {}
