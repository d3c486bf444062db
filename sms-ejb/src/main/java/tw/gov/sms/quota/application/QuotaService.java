package tw.gov.sms.quota.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.quota.domain.InsufficientQuotaException;
import tw.gov.sms.quota.domain.QuotaBalance;
import tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Quota as the submission service and the quota screens see it (R11.1-R11.3). A paid send is planned
 * before its recipients are stored (a cheap unlocked check, so a send that cannot be paid for fails
 * before any work) and reserved as the last step of the submission's transaction, so the agency's
 * balance row is locked only for the moment of the commit. A test send uses the free test allowance.
 */
@Stateless
public class QuotaService {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    QuotaSettings settings;

    private final QuotaLedger ledger = new QuotaLedger();

    public record Contract(
            long id,
            String code,
            String name,
            LocalDate startsOn,
            LocalDate endsOn,
            BigDecimal unitPrice,
            boolean lapsed) {}

    /** What a paid send will draw on: the contract in force and whether the account's allocation binds. */
    public record Plan(long contractId, boolean accountLimited) {}

    /** A caller's quota: the contract in force, the agency's and the account's balances, the test allowance. */
    public record View(
            Contract contract,
            long agencyId,
            String mode,
            QuotaBalance agency,
            Long accountId,
            QuotaBalance account,
            int testAllowance,
            int testUsed) {}

    /** A refusal for the submission service to report as a problem of the whole submission. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class QuotaRefusal extends RuntimeException {
        private final transient Problem problem;

        public QuotaRefusal(Problem problem) {
            super(problem.messageEn());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public Optional<Contract> contractOn(LocalDate day) {
        try (Connection c = dataSource.getConnection()) {
            return contractOn(c, day);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks, without locking, that the agency (and in allocated mode the account) can pay for the send. */
    public Plan plan(AgencyId agency, Long accountId, long segments) {
        LocalDate today = QuotaSettings.today();
        try (Connection c = dataSource.getConnection()) {
            Contract contract = contractOn(c, today)
                    .orElseThrow(
                            () -> new QuotaRefusal(Problem.of(ProblemCode.QUOTA_NO_CONTRACT, "quota", null, today)));
            boolean limited = accountId != null && "ALLOCATED".equals(mode(c, agency.value()));
            QuotaBalance agencyBalance = ledger.balance(c, contract.id(), agency.value(), null);
            QuotaBalance accountBalance = limited ? ledger.balance(c, contract.id(), agency.value(), accountId) : null;
            check(segments, agencyBalance.available(), limited ? accountBalance.allocationLeft() : null);
            return new Plan(contract.id(), limited);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reserves the send's segments for its job; the row lock taken here is held until the commit. */
    public void reserve(Plan plan, AgencyId agency, Long accountId, long jobId, long segments, String actor) {
        try (Connection c = dataSource.getConnection()) {
            ledger.reserve(
                    c, plan.contractId(), agency.value(), accountId, plan.accountLimited(), jobId, segments, actor);
        } catch (InsufficientQuotaException e) {
            check(e.needed(), e.agencyAvailable(), e.accountAvailable());
            throw new IllegalStateException("reservation refused without a shortage", e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts {@code messages} test messages against the sender's free allowance (R11.3): an account's,
     * else an API client's. Test messages of the platform itself (login codes) use no allowance.
     */
    public void useTestAllowance(Long accountId, Long apiClientId, int messages) {
        useTestAllowance(holder(accountId, apiClientId), messages);
    }

    /**
     * The holder of the free test messages a file send draws on: the person who uploaded it, else the API
     * client, else (an SFTP upload, which has neither) the agency itself. Never none: a file is never the
     * platform's own test message.
     */
    public static String fileHolder(Long accountId, Long apiClientId, AgencyId agency) {
        String holder = holder(accountId, apiClientId);
        return holder != null ? holder : "agency:" + agency.value();
    }

    /** Counts against {@code holder}'s allowance; {@code null} is the platform's own test message (free). */
    public void useTestAllowance(String holder, int messages) {
        if (holder == null) {
            return;
        }
        int allowance = settings.freeTestMessages();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into test_allowance (holder, used) values (?, 0)" + " on conflict do nothing")) {
                ps.setString(1, holder);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update test_allowance set used = used + ?"
                    + " where holder = ? and used + ? <= ? returning used")) {
                ps.setInt(1, messages);
                ps.setString(2, holder);
                ps.setInt(3, messages);
                ps.setInt(4, allowance);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            int used = testUsed(c, holder);
            throw new QuotaRefusal(Problem.of(
                    ProblemCode.QUOTA_TEST_EXHAUSTED,
                    "test",
                    null,
                    messages,
                    Math.max(0, allowance - used),
                    allowance));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@link #plan} would refuse, as a problem, or empty when the send can be paid for. For callers that
     * must not fail their transaction on a shortage: a {@link QuotaRefusal} thrown through the bean's proxy
     * marks the caller's transaction for rollback even when caught.
     */
    public Optional<Problem> shortfall(AgencyId agency, Long accountId, long segments) {
        try {
            plan(agency, accountId, segments);
            return Optional.empty();
        } catch (QuotaRefusal e) {
            return Optional.of(e.problem());
        }
    }

    /** Free test messages the sender has left; unlimited for the platform's own test messages. */
    public int testAllowanceLeft(Long accountId, Long apiClientId) {
        return testAllowanceLeft(holder(accountId, apiClientId));
    }

    /** The free test messages each holder has (R11.3, {@code sms.quota.free-test-messages}). */
    public int freeTestMessages() {
        return settings.freeTestMessages();
    }

    public int testAllowanceLeft(String holder) {
        if (holder == null) {
            return Integer.MAX_VALUE;
        }
        try (Connection c = dataSource.getConnection()) {
            return Math.max(0, settings.freeTestMessages() - testUsed(c, holder));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller's own quota, or (for MODA and system administrators) that of any agency. */
    public View view(Actor actor, Long agencyId) {
        long agency;
        if (agencyId == null) {
            if (actor.agency() == null) {
                throw AccountException.invalid(
                        "QUOTA_AGENCY_REQUIRED",
                        "請以 agency 參數指定要查詢的機關。",
                        "Name the agency to look at with the agency parameter.");
            }
            agency = actor.agency().value();
        } else {
            if (!actor.seesAllAgencies()
                    && (actor.agency() == null || actor.agency().value() != agencyId)) {
                throw AccountException.notFound("機關", "agency");
            }
            agency = agencyId;
        }
        Long accountId =
                actor.isUser() && actor.agency() != null && actor.agency().value() == agency ? actor.accountId() : null;
        String holder = actor.isUser()
                ? holder(actor.accountId(), null)
                : actor.kind() == Actor.Kind.API_CLIENT ? holder(null, actor.accountId()) : null;
        try (Connection c = dataSource.getConnection()) {
            Contract contract = contractOn(c, QuotaSettings.today()).orElse(null);
            QuotaBalance agencyBalance =
                    contract == null ? QuotaBalance.EMPTY : ledger.balance(c, contract.id(), agency, null);
            QuotaBalance accountBalance =
                    contract == null || accountId == null ? null : ledger.balance(c, contract.id(), agency, accountId);
            return new View(
                    contract,
                    agency,
                    mode(c, agency),
                    agencyBalance,
                    accountId,
                    accountBalance,
                    settings.freeTestMessages(),
                    holder == null ? 0 : testUsed(c, holder));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<QuotaLedger.Entry> entries(Actor actor, long agencyId, int limit) {
        if (!actor.seesAllAgencies()
                && (actor.agency() == null || actor.agency().value() != agencyId)) {
            throw AccountException.notFound("機關", "agency");
        }
        try (Connection c = dataSource.getConnection()) {
            List<QuotaLedger.Entry> all = ledger.entries(c, agencyId, Math.min(Math.max(limit, 1), 1000));
            if (actor.seesAllAgencies() || actor.kind() == Actor.Kind.API_CLIENT) {
                return all;
            }
            // A user sees the agency's entries and their own; a group administrator those of their group.
            List<Long> visible = visibleAccounts(c, actor);
            return all.stream()
                    .filter(e -> e.accountId() == null || visible.contains(e.accountId()))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> visibleAccounts(Connection c, Actor actor) throws SQLException {
        if (actor.groupId() == null || !actor.has(tw.gov.sms.account.domain.Role.GROUP_ADMIN)) {
            return List.of(actor.accountId());
        }
        List<Long> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id from account where group_id = ?")) {
            ps.setLong(1, actor.groupId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    static Optional<Contract> contractOn(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, code, name, starts_on, ends_on, unit_price,"
                + " lapsed_at is not null from contract where starts_on <= ? and ends_on >= ? and lapsed_at is null"
                + " order by starts_on desc limit 1")) {
            ps.setObject(1, day);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(contract(rs)) : Optional.empty();
            }
        }
    }

    static Contract contract(ResultSet rs) throws SQLException {
        return new Contract(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class),
                rs.getBigDecimal(6),
                rs.getBoolean(7));
    }

    static String mode(Connection c, long agencyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select quota_mode from agency where id = ?")) {
            ps.setLong(1, agencyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "SHARED";
            }
        }
    }

    private static int testUsed(Connection c, String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select used from test_allowance where holder = ?")) {
            ps.setString(1, holder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static String holder(Long accountId, Long apiClientId) {
        if (accountId != null) {
            return "account:" + accountId;
        }
        return apiClientId == null ? null : "client:" + apiClientId;
    }

    private static void check(long needed, long agencyLeft, Long accountLeft) {
        if (accountLeft != null && accountLeft < needed) {
            throw new QuotaRefusal(Problem.of(
                    ProblemCode.QUOTA_ACCOUNT_INSUFFICIENT,
                    "quota",
                    null,
                    needed,
                    Math.max(0, accountLeft),
                    Math.max(0, agencyLeft)));
        }
        if (agencyLeft < needed) {
            throw new QuotaRefusal(
                    Problem.of(ProblemCode.QUOTA_AGENCY_INSUFFICIENT, "quota", null, needed, Math.max(0, agencyLeft)));
        }
    }
}
