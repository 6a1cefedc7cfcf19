package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import java.util.Objects;

/** What a rule decided: raise an alert, or clear the active one of a rep, kind and subject. */
sealed interface Decision {

    record Raise(AlertEngine.Raise raise) implements Decision {

        public Raise {
            Objects.requireNonNull(raise, "raise");
        }
    }

    record Clear(RepId repId, AlertKind kind, String subject, String why) implements Decision {

        public Clear {
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(why, "why");
        }
    }
}
