package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.List;

/** A submit that did not (fully) go through; {@link #kind()} tells the caller whether to retry. */
public class SmppSubmitException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, for the caller's retry policy. */
    public enum Kind {
        /** The carrier asked us to slow down (0x58, 0x14): retry later, at a lower rate. */
        THROTTLED,
        /** The carrier or the connection had a problem (0x08, I/O): retry, possibly on another bind. */
        TRANSIENT,
        /** The carrier refused this message (invalid destination etc.): do not retry. */
        PERMANENT,
        /** No bind of this carrier is up: retry when the link is ready. */
        NOT_BOUND,
        /** No response in time: the SMSC may or may not have the message. */
        TIMEOUT
    }

    /** The command status when there is none (timeouts, not bound, I/O errors). */
    public static final int NO_STATUS = -1;

    private final Kind kind;
    private final int commandStatus;
    private final String description;
    private final List<String> acceptedIds;

    public SmppSubmitException(
            Kind kind, int commandStatus, String description, List<String> acceptedIds, Throwable cause) {
        super(kind + ": " + description, cause);
        this.kind = kind;
        this.commandStatus = commandStatus;
        this.description = description;
        this.acceptedIds = List.copyOf(acceptedIds);
    }

    /** From a negative submit_sm_resp. */
    static SmppSubmitException rejected(int commandStatus, List<String> acceptedIds, Throwable cause) {
        return new SmppSubmitException(
                CommandStatus.kindOf(commandStatus),
                commandStatus,
                CommandStatus.describe(commandStatus),
                acceptedIds,
                cause);
    }

    /** The same failure, for a message of which the carrier had already taken these segments. */
    SmppSubmitException withAcceptedIds(List<String> accepted) {
        return new SmppSubmitException(kind, commandStatus, description, accepted, getCause());
    }

    public Kind kind() {
        return kind;
    }

    /** The SMPP command_status, or {@link #NO_STATUS}. */
    public int commandStatus() {
        return commandStatus;
    }

    /** E.g. "ESME_RINVDSTADR (0x0000000B) invalid destination address". */
    public String description() {
        return description;
    }

    /** Segments the carrier accepted before the failure (a partly sent long message). */
    public int segmentsAccepted() {
        return acceptedIds.size();
    }

    /** Carrier message ids of the accepted segments, in order. */
    public List<String> acceptedIds() {
        return acceptedIds;
    }
}
