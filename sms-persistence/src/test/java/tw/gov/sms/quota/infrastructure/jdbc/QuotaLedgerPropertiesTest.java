package tw.gov.sms.quota.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tw.gov.sms.quota.domain.InsufficientQuotaException;
import tw.gov.sms.quota.domain.QuotaBalance;

/**
 * Random sequences of orders, allocations, reservations, (partial) settlements and a lapse on one agency
 * with three accounts, each in its own transaction, against an in-memory model written from the rules:
 * agency available = ordered − lapsed − reserved − charged; account allocation left = allocated −
 * reserved − charged. One database (all migrations) per class; every try gets a new agency and contract.
 */
class QuotaLedgerPropertiesTest {

    private static final int ACCOUNTS = 3;
    private static final AtomicLong JOBS = new AtomicLong(1_000_000);

    private static QuotaLedgerTestDb testDb;

    private final QuotaLedger ledger = new QuotaLedger();

    @BeforeContainer
    static void startPostgres() throws IOException {
        testDb = QuotaLedgerTestDb.start();
    }

    @AfterContainer
    static void stopPostgres() throws IOException {
        testDb.close();
    }

    // ---------------------------------------------------------------- operations

    sealed interface Op permits Order, Allocate, Reserve, Settle, Lapse {}

    record Order(long segments) implements Op {}

    record Allocate(int account, long target) implements Op {}

    /** {@code account} -1 reserves on the agency alone. */
    record Reserve(int account, boolean accountLimited, long segments) implements Op {}

    /** Picks, resolved against the outstanding jobs: which job, how much charged and how much released. */
    record Settle(int job, int charged, int released) implements Op {}

    record Lapse() implements Op {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> order = Arbitraries.longs().between(1, 400).map(Order::new);
        Arbitrary<Op> allocate = Combinators.combine(
                        Arbitraries.integers().between(0, ACCOUNTS - 1),
                        Arbitraries.longs().between(0, 200))
                .as(Allocate::new);
        Arbitrary<Op> reserve = Combinators.combine(
                        Arbitraries.integers().between(-1, ACCOUNTS - 1),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 80))
                .as(Reserve::new);
        Arbitrary<Op> settle = Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 1000))
                .as(Settle::new);
        Arbitrary<Op> lapse = Arbitraries.just(new Lapse());
        return Arbitraries.frequencyOf(
                        Tuple.of(6, order),
                        Tuple.of(3, allocate),
                        Tuple.of(8, reserve),
                        Tuple.of(6, settle),
                        Tuple.of(1, lapse))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    // ---------------------------------------------------------------- the model

    static final class Job {
        final long id;
        final int account;
        long rest;

        Job(long id, int account, long rest) {
            this.id = id;
            this.account = account;
            this.rest = rest;
        }
    }

    static final class Model {
        long ordered;
        long reserved;
        long charged;
        long lapsed;
        boolean contractLapsed;
        final long[] allocated = new long[ACCOUNTS];
        final long[] accountReserved = new long[ACCOUNTS];
        final long[] accountCharged = new long[ACCOUNTS];
        final List<Job> outstanding = new ArrayList<>();
        /** Expected sums of entries per account id (0: agency) and kind. */
        final Map<String, Long> sums = new HashMap<>();

        long available() {
            return ordered - lapsed - reserved - charged;
        }

        long allocationLeft(int account) {
            return allocated[account] - accountReserved[account] - accountCharged[account];
        }

        long used(int account) {
            return accountReserved[account] + accountCharged[account];
        }

        void add(long account, String kind, long segments) {
            sums.merge(account + ":" + kind, segments, Long::sum);
        }
    }

    // ---------------------------------------------------------------- the property

    @Property(tries = 60)
    void balancesFollowTheRules(@ForAll("operations") List<Op> ops) throws SQLException {
        QuotaLedgerTestDb.Agency a = testDb.newAgency(ACCOUNTS);
        Model m = new Model();
        try (Connection c = testDb.db.getConnection()) {
            c.setAutoCommit(false);
            int step = 0;
            for (Op op : ops) {
                step++;
                String where = "step " + step + " " + op;
                try {
                    apply(c, a, m, op, where);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
                check(c, a, m, where);
            }
        }
    }

    private void apply(Connection c, QuotaLedgerTestDb.Agency a, Model m, Op op, String where) throws SQLException {
        if (op instanceof Order o) {
            QuotaLedgerTestDb.order(c, ledger, a, o.segments());
            c.commit();
            outcome("ordered");
            m.ordered += o.segments();
            m.add(0, "ORDER", o.segments());
        } else if (op instanceof Allocate al) {
            int i = al.account();
            boolean refused = al.target() < m.used(i);
            try {
                long delta = ledger.allocate(c, a.contractId(), a.id(), a.accounts()[i], al.target(), "admin");
                c.commit();
                assertThat(refused).as(where + ": allocation should be refused").isFalse();
                assertThat(delta).as(where).isEqualTo(al.target() - m.allocated[i]);
                if (delta != 0) {
                    m.add(a.accounts()[i], "ALLOCATE", delta);
                }
                m.allocated[i] = al.target();
                outcome("allocated");
            } catch (InsufficientQuotaException e) {
                c.rollback();
                assertThat(refused)
                        .as(where + ": allocation refused: " + e.getMessage())
                        .isTrue();
                outcome("allocation refused");
            }
        } else if (op instanceof Reserve r) {
            Long account = r.account() < 0 ? null : a.accounts()[r.account()];
            boolean checksAccount = r.accountLimited() && account != null;
            Long accountLeft = checksAccount ? m.allocationLeft(r.account()) : null;
            boolean refused = m.available() < r.segments() || (checksAccount && accountLeft < r.segments());
            long job = JOBS.incrementAndGet();
            try {
                ledger.reserve(c, a.contractId(), a.id(), account, r.accountLimited(), job, r.segments(), "account:1");
                c.commit();
                assertThat(refused)
                        .as(where + ": reservation should be refused")
                        .isFalse();
                m.reserved += r.segments();
                m.add(0, "RESERVE", r.segments());
                if (account != null) {
                    m.accountReserved[r.account()] += r.segments();
                    m.add(account, "RESERVE", r.segments());
                }
                m.outstanding.add(new Job(job, r.account(), r.segments()));
                outcome(checksAccount ? "reserved (account limited)" : "reserved");
            } catch (InsufficientQuotaException e) {
                c.rollback();
                assertThat(refused)
                        .as(where + ": reservation refused: " + e.getMessage())
                        .isTrue();
                assertThat(e.needed()).as(where).isEqualTo(r.segments());
                assertThat(e.agencyAvailable()).as(where).isEqualTo(m.available());
                assertThat(e.accountAvailable()).as(where).isEqualTo(accountLeft);
                outcome(m.available() < r.segments() ? "refused by agency" : "refused by account");
            }
        } else if (op instanceof Settle s) {
            if (m.outstanding.isEmpty()) {
                outcome("nothing to settle");
                return;
            }
            Job job = m.outstanding.get(s.job() % m.outstanding.size());
            long charged = s.charged() % (job.rest + 1);
            long released = s.released() % (job.rest - charged + 1);
            Long account = job.account < 0 ? null : a.accounts()[job.account];
            ledger.settle(c, a.contractId(), a.id(), account, job.id, charged, released, m.contractLapsed);
            c.commit();
            outcome(charged + released == job.rest ? "settled in full" : "settled in part");
            if (m.contractLapsed && released > 0) {
                outcome("released after lapse");
            }
            m.reserved -= charged + released;
            m.charged += charged;
            if (charged > 0) {
                m.add(0, "CHARGE", charged);
            }
            if (released > 0) {
                m.add(0, "RELEASE", released);
            }
            if (account != null) {
                m.accountReserved[job.account] -= charged + released;
                m.accountCharged[job.account] += charged;
                if (charged > 0) {
                    m.add(account, "CHARGE", charged);
                }
                if (released > 0) {
                    m.add(account, "RELEASE", released);
                }
            }
            if (m.contractLapsed && released > 0) {
                m.lapsed += released;
                m.add(0, "LAPSE", released);
            }
            job.rest -= charged + released;
            if (job.rest == 0) {
                m.outstanding.remove(job);
            }
        } else {
            long expected = Math.max(0, m.available());
            long lapsed = ledger.lapse(c, a.contractId(), a.id(), "system");
            c.commit();
            assertThat(lapsed).as(where).isEqualTo(expected);
            outcome(expected > 0 ? "lapsed" : "lapsed nothing");
            if (expected > 0) {
                m.add(0, "LAPSE", expected);
            }
            m.lapsed += expected;
            m.contractLapsed = true;
        }
    }

    private static void outcome(String what) {
        Statistics.label("outcomes").collect(what);
    }

    private void check(Connection c, QuotaLedgerTestDb.Agency a, Model m, String where) throws SQLException {
        try {
            assertThat(ledger.verify(c)).as(where + ": verify").isEmpty();
            QuotaBalance agency = ledger.balance(c, a.contractId(), a.id(), null);
            assertThat(agency)
                    .as(where + ": agency balance")
                    .isEqualTo(new QuotaBalance(m.ordered, 0, m.reserved, m.charged, m.lapsed));
            assertThat(agency.available()).as(where).isEqualTo(m.available()).isNotNegative();
            for (int i = 0; i < ACCOUNTS; i++) {
                assertThat(ledger.balance(c, a.contractId(), a.id(), a.accounts()[i]))
                        .as(where + ": account " + i + " balance")
                        .isEqualTo(new QuotaBalance(0, m.allocated[i], m.accountReserved[i], m.accountCharged[i], 0));
            }
            long outstanding = m.outstanding.stream().mapToLong(j -> j.rest).sum();
            assertThat(m.reserved)
                    .as(where + ": model reserved = outstanding jobs")
                    .isEqualTo(outstanding);
            try (PreparedStatement ps = c.prepareStatement("select account_id, ordered, allocated, reserved, charged,"
                    + " lapsed from quota_balance where agency_id = ?")) {
                ps.setLong(1, a.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int col = 2; col <= 6; col++) {
                            assertThat(rs.getLong(col))
                                    .as(where + ": balance column " + col + " of account " + rs.getLong(1))
                                    .isNotNegative();
                        }
                    }
                }
            }
            assertThat(QuotaLedgerTestDb.sums(c, a.id()))
                    .as(where + ": sums of entries per account and kind")
                    .isEqualTo(m.sums);
        } catch (AssertionError e) {
            c.rollback();
            throw e;
        }
        c.rollback();
        if (m.available() < 0) {
            fail(where + ": model overdrawn");
        }
    }
}
