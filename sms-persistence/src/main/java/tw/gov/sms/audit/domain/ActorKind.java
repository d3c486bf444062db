package tw.gov.sms.audit.domain;

/** Who acted: a person signed in to the portal, an agency system, the platform itself, or nobody known yet. */
public enum ActorKind {
    /** A person with a portal account. */
    USER,
    /** An agency system calling the API with client credentials. */
    API_CLIENT,
    /** The platform itself: timers, imports, the sweeper. */
    SYSTEM,
    /** Not (yet) authenticated, e.g. a failed login or a request from an address not on the allow-list. */
    ANONYMOUS
}
