package tw.gov.sms.routing.domain;

/** Why a message went to its carrier: the number-portability data said so, or only its prefix did. */
public enum RouteReason {
    PORTED,
    PREFIX,
    /** The block is in no table: the configured default carrier takes it (and the operator is warned). */
    DEFAULT
}
