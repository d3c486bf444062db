package tw.gov.sms.sending.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * States of one recipient's message (DESIGN.md, "Message states"). The legal transitions are written
 * here once; the message store only ever moves a row from one of {@link #predecessorsOf} its target.
 */
public enum MessageState {
    ACCEPTED,
    SCHEDULED,
    QUEUED,
    SUBMITTED,
    DELIVERED,
    UNDELIVERED,
    EXPIRED,
    REJECTED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return switch (this) {
            case DELIVERED, UNDELIVERED, EXPIRED, REJECTED, FAILED, CANCELLED -> true;
            default -> false;
        };
    }

    /** Not handed to a carrier yet: still to be sent (the R12.3 clock of its job is running). */
    public boolean isAwaitingHandOff() {
        return this == ACCEPTED || this == SCHEDULED || this == QUEUED;
    }

    /** The states a message may be in just before it enters {@code target}. */
    public static Set<MessageState> predecessorsOf(MessageState target) {
        return switch (target) {
            case ACCEPTED, SCHEDULED, REJECTED -> EnumSet.noneOf(MessageState.class);
            case QUEUED -> EnumSet.of(ACCEPTED, SCHEDULED, QUEUED, SUBMITTED);
            case SUBMITTED -> EnumSet.of(QUEUED);
            case DELIVERED, UNDELIVERED -> EnumSet.of(QUEUED, SUBMITTED);
            case EXPIRED, FAILED -> EnumSet.of(ACCEPTED, SCHEDULED, QUEUED, SUBMITTED);
            case CANCELLED -> EnumSet.of(SCHEDULED, ACCEPTED);
        };
    }

    public boolean canMoveTo(MessageState target) {
        return predecessorsOf(target).contains(this);
    }
}
