package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One address or CIDR range on an agency's allow-list (R9.1). It admits traffic only once a MODA
 * administrator approved it; a request can be approved or rejected once, an approved entry revoked.
 */
@Entity
@Table(name = "ip_allow_entry")
@NamedQuery(
        name = IpAllowEntry.APPROVED,
        query = "select e from IpAllowEntry e where e.state = tw.gov.sms.account.domain.IpAllowEntry.State.APPROVED")
public class IpAllowEntry {

    public static final String APPROVED = "IpAllowEntry.approved";

    public enum State {
        REQUESTED,
        APPROVED,
        REJECTED,
        REVOKED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agency_id", nullable = false)
    private Long agencyId;

    @Column(nullable = false, length = 50)
    private String cidr;

    @Column(length = 200)
    private String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state = State.REQUESTED;

    @Column(name = "requested_by")
    private Long requestedBy;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "decided_by")
    private Long decidedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "decision_note", length = 200)
    private String decisionNote;

    protected IpAllowEntry() {}

    public IpAllowEntry(AgencyId agency, String canonicalCidr, String note, Long requestedBy, Instant now) {
        this.agencyId = agency.value();
        this.cidr = Objects.requireNonNull(canonicalCidr);
        this.note = note;
        this.requestedBy = requestedBy;
        this.requestedAt = now.atOffset(ZoneOffset.UTC);
    }

    public void approve(Long decider, String note, Instant now) {
        decide(State.APPROVED, decider, note, now);
    }

    public void reject(Long decider, String note, Instant now) {
        decide(State.REJECTED, decider, note, now);
    }

    public void revoke(Long decider, String note, Instant now) {
        if (state != State.APPROVED) {
            throw new IllegalStateException("only an approved entry can be revoked; this one is " + state);
        }
        state = State.REVOKED;
        decidedBy = decider;
        decidedAt = now.atOffset(ZoneOffset.UTC);
        decisionNote = note;
    }

    private void decide(State outcome, Long decider, String note, Instant now) {
        if (state != State.REQUESTED) {
            throw new IllegalStateException("this entry was already decided: " + state);
        }
        state = outcome;
        decidedBy = decider;
        decidedAt = now.atOffset(ZoneOffset.UTC);
        decisionNote = note;
    }

    public Long getId() {
        return id;
    }

    public AgencyId agencyId() {
        return new AgencyId(agencyId);
    }

    public String getCidr() {
        return cidr;
    }

    public String getNote() {
        return note;
    }

    public State getState() {
        return state;
    }

    public Long getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt.toInstant();
    }

    public Long getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt == null ? null : decidedAt.toInstant();
    }

    public String getDecisionNote() {
        return decisionNote;
    }
}
