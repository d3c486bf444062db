package tw.gov.sms.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One audited action: who (actor kind, id, name, role, agency, group), what (action, target), when,
 * from where, how it ended, and a free-text detail.
 *
 * <p>Codes chosen by the program ({@code action}, {@code role}) are validated and refused when wrong:
 * that is a programming error and shows in the first test. Texts that come from outside (the name tried
 * in a failed login, a target, a detail, a forwarded address) are never a reason to refuse an audit
 * write: they are cut to the column size (code points, as PostgreSQL counts, ending in "…" when cut),
 * and the characters PostgreSQL cannot store (NUL, unpaired surrogates) become U+FFFD. Both steps are
 * idempotent, so an event read back from the database equals the one that was hashed.
 *
 * <p>{@code occurredAt} is truncated to microseconds, the precision of {@code timestamptz}, before it
 * is hashed or stored; otherwise the event read back would hash differently.
 *
 * @param occurredAt when the action happened
 * @param actorKind who acted
 * @param actorId account or API client id, null for SYSTEM and ANONYMOUS
 * @param actorName username, client id, {@code "system"}, or the name tried in a failed login (may be empty)
 * @param role one of {@link #ROLES}, or null when unknown (failed login)
 * @param agencyId the actor's agency, if any
 * @param groupId the actor's permission group, if any
 * @param action what was done, an upper-case code such as {@code LOGIN}, {@code RECORD_READ}, {@code EXPORT}
 * @param target what it was done to, e.g. {@code send_job:42}
 * @param sourceAddress the client's IP address
 * @param outcome how it ended
 * @param detail free text: failure reason, search criteria, changed fields
 */
public record AuditEvent(
        Instant occurredAt,
        ActorKind actorKind,
        Long actorId,
        String actorName,
        String role,
        Long agencyId,
        Long groupId,
        String action,
        String target,
        String sourceAddress,
        Outcome outcome,
        String detail) {

    public static final int ACTOR_NAME_MAX = 100;
    public static final int ACTION_MAX = 40;
    public static final int TARGET_MAX = 300;
    public static final int SOURCE_ADDRESS_MAX = 45;
    public static final int DETAIL_MAX = 1000;

    /** The roles of R6.6 plus the two non-human actors; the same list as the check on {@code audit_event.role}. */
    public static final Set<String> ROLES =
            Set.of("USER", "GROUP_ADMIN", "MODA_ADMIN", "SYSTEM_ADMIN", "API_CLIENT", "SYSTEM");

    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{0," + (ACTION_MAX - 1) + "}");
    private static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException(
                    "action must be an upper-case code of at most " + ACTION_MAX + " characters: " + action);
        }
        if (role != null && !ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role + "; expected one of " + ROLES);
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        actorName = fit(actorName, ACTOR_NAME_MAX);
        target = fit(target, TARGET_MAX);
        sourceAddress = fit(sourceAddress, SOURCE_ADDRESS_MAX);
        detail = fit(detail, DETAIL_MAX);
    }

    /**
     * Makes a text storable in a {@code varchar(max)} column: NUL and unpaired surrogates become U+FFFD,
     * and a text longer than {@code max} code points is cut to {@code max - 1} and ends in "…".
     * Idempotent. Null stays null.
     */
    public static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = storable(text);
        if (clean.codePointCount(0, clean.length()) <= max) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    private static String storable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = c == '\0' || Character.isLowSurrogate(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
