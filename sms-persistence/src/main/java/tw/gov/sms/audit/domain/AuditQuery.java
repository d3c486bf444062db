package tw.gov.sms.audit.domain;

import java.time.Instant;

/**
 * Search criteria for audit events; every non-null criterion narrows the result (AND): period, action,
 * agency, group, actor (id or exact name), outcome, and a text the target contains (case ignored). The period is
 * {@code from} inclusive to {@code to} exclusive. Results come newest first and are paged by keyset:
 * the next page asks for events {@code beforeSeq} the last one shown.
 *
 * <p>Visibility by role (R6.4) is applied by the caller, who fixes {@code agencyId}, {@code groupId} or
 * {@code actorId} to what the signed-in person may see before searching or exporting.
 *
 * @param limit page size for a search, 1 to {@value #MAX_LIMIT}; 0 means {@value #DEFAULT_LIMIT}. An
 *     export ignores it and writes every matching event.
 */
public record AuditQuery(
        Instant from,
        Instant to,
        String action,
        Long agencyId,
        Long groupId,
        Long actorId,
        String actorName,
        Outcome outcome,
        String targetContains,
        Long beforeSeq,
        int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        if (limit == 0) {
            limit = DEFAULT_LIMIT;
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        action = blankToNull(action);
        actorName = blankToNull(actorName);
        targetContains = blankToNull(targetContains);
    }

    /** The criteria without outcome and target text, as the REST search and export take them. */
    public AuditQuery(
            Instant from,
            Instant to,
            String action,
            Long agencyId,
            Long groupId,
            Long actorId,
            String actorName,
            Long beforeSeq,
            int limit) {
        this(from, to, action, agencyId, groupId, actorId, actorName, null, null, beforeSeq, limit);
    }

    /** Every event, newest first, in pages of {@value #DEFAULT_LIMIT}. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withAction(String action) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withAgency(Long agencyId) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withGroup(Long groupId) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withActor(Long actorId) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withActorName(String actorName) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    public AuditQuery withOutcome(Outcome outcome) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    /** Events whose target contains {@code text}, ignoring case (e.g. {@code account:42}, a username in it). */
    public AuditQuery withTargetContaining(String text) {
        return new AuditQuery(from, to, action, agencyId, groupId, actorId, actorName, outcome, text, beforeSeq, limit);
    }

    /** The next page: events older than (numbered below) {@code seq}. */
    public AuditQuery before(Long seq) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, seq, limit);
    }

    public AuditQuery withLimit(int limit) {
        return new AuditQuery(
                from, to, action, agencyId, groupId, actorId, actorName, outcome, targetContains, beforeSeq, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
