package io.waymark.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The rep's answer to a {@link WelfareCheck}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WelfareAnswer(boolean ok, String note) {}
