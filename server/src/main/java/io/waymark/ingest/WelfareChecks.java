package io.waymark.ingest;

import io.waymark.identity.RepId;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Asks a rep "are you OK?" through their connected devices ({@code device.check}, contract §4 "Server → device").
 *
 * <p>The check goes, as an RSocket request-response, to every device connection of the rep open on this node; the
 * first answer wins and the other requests are cancelled. A device whose app registered no handler answers at once
 * {@code {"ok":false,"note":"no handler"}}, so with several devices an {@code ok=false} may win over a later
 * {@code ok=true}: the caller errs on the side of escalating.
 */
public interface WelfareChecks {

    /**
     * Sends {@code check} to the rep's connected devices. Never blocks; nothing happens until subscribed.
     *
     * @param timeout how long to wait for an answer; must be positive
     * @return the first answer, or an error {@link WelfareCheckException} whose {@link WelfareCheckException#reason()}
     *     tells why there is none: {@code NO_DEVICE} (no open connection of the rep on this node),
     *     {@code NO_ANSWER_IN_TIME} (nothing within {@code timeout}), {@code DEVICE_ERROR} (every device answered
     *     with an error or lost its connection), {@code MALFORMED_ANSWER} (the answer was not a
     *     {@code {"ok":boolean,"note"?:string}})
     */
    Mono<WelfareAnswer> ask(RepId rep, WelfareCheck check, Duration timeout);
}
