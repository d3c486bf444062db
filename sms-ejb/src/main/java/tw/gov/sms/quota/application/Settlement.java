package tw.gov.sms.quota.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger;

/**
 * Settles final messages, in batches, each batch one transaction and set-based: the messages are marked
 * settled, their counts are added to the daily usage rollup (by the Taiwan day of their final state, job
 * and carrier), and each job's reservation is charged for the delivered segments and released for the
 * rest. A message is settled exactly once: the batch claims it by flipping {@code settled} under
 * {@code FOR UPDATE SKIP LOCKED}, so instances running side by side never take the same message.
 *
 * <p>Every path to a final state (receipt, permanent error, expiry, cancellation) sets
 * {@code final_at}, which is all this needs: no hot path waits for quota or reporting.
 */
@Stateless
public class Settlement {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    private final QuotaLedger ledger = new QuotaLedger();

    /** Settles up to {@code limit} final messages; returns how many it settled. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int settle(int limit) {
        String sql = "with done as ("
                + " update message m set settled = true"
                + " from (select id, accepted_at from message where final_at is not null and not settled"
                + " order by final_at limit ? for update skip locked) s"
                + " where m.id = s.id and m.accepted_at = s.accepted_at"
                + " returning m.job_id, m.state, coalesce(m.carrier, '') as carrier, m.segments,"
                + " m.delivered_segments, (m.final_at at time zone 'Asia/Taipei')::date as day),"
                + " rollup as (insert into usage_daily as u (day, job_id, carrier, agency_id, group_id, account_id,"
                + " api_client_id, contract_id, test, messages, segments, delivered_messages, delivered_segments,"
                + " undelivered_messages, expired_messages, failed_messages, cancelled_messages)"
                + " select d.day, d.job_id, d.carrier, j.agency_id, coalesce(j.group_id, 0), coalesce(j.account_id, 0),"
                + " coalesce(j.api_client_id, 0), coalesce(j.contract_id, 0), j.test, count(*), sum(d.segments),"
                + " count(*) filter (where d.state = 'DELIVERED'), sum(d.delivered_segments),"
                + " count(*) filter (where d.state = 'UNDELIVERED'), count(*) filter (where d.state = 'EXPIRED'),"
                + " count(*) filter (where d.state in ('REJECTED', 'FAILED')),"
                + " count(*) filter (where d.state = 'CANCELLED')"
                + " from done d join send_job j on j.id = d.job_id group by 1, 2, 3, 4, 5, 6, 7, 8, 9"
                + " on conflict (day, job_id, carrier) do update set messages = u.messages + excluded.messages,"
                + " segments = u.segments + excluded.segments,"
                + " delivered_messages = u.delivered_messages + excluded.delivered_messages,"
                + " delivered_segments = u.delivered_segments + excluded.delivered_segments,"
                + " undelivered_messages = u.undelivered_messages + excluded.undelivered_messages,"
                + " expired_messages = u.expired_messages + excluded.expired_messages,"
                + " failed_messages = u.failed_messages + excluded.failed_messages,"
                + " cancelled_messages = u.cancelled_messages + excluded.cancelled_messages)"
                + " select d.job_id, j.contract_id, j.agency_id, j.account_id, c.lapsed_at is not null,"
                + " count(*), sum(d.delivered_segments), sum(d.segments) - sum(d.delivered_segments)"
                + " from done d join send_job j on j.id = d.job_id left join contract c on c.id = j.contract_id"
                + " group by 1, 2, 3, 4, 5 order by 3, 1";
        int settled = 0;
        try (Connection c = dataSource.getConnection()) {
            record JobSettlement(
                    long jobId,
                    Long contractId,
                    long agencyId,
                    Long accountId,
                    boolean lapsed,
                    long charged,
                    long released) {}
            java.util.List<JobSettlement> jobs = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        settled += rs.getInt(6);
                        jobs.add(new JobSettlement(
                                rs.getLong(1),
                                rs.getObject(2, Long.class),
                                rs.getLong(3),
                                rs.getObject(4, Long.class),
                                rs.getBoolean(5),
                                rs.getLong(7),
                                rs.getLong(8)));
                    }
                }
            }
            for (JobSettlement j : jobs) {
                if (j.contractId() != null) {
                    ledger.settle(
                            c,
                            j.contractId(),
                            j.agencyId(),
                            j.accountId(),
                            j.jobId(),
                            j.charged(),
                            j.released(),
                            j.lapsed());
                }
            }
            return settled;
        } catch (SQLException e) {
            throw new IllegalStateException("settling final messages failed", e);
        }
    }

    /** Settles until nothing final is left unsettled (or {@code maxBatches} batches ran). */
    public int settleAll(int batch, int maxBatches) {
        int total = 0;
        for (int i = 0; i < maxBatches; i++) {
            int n = self().settle(batch);
            total += n;
            if (n < batch) {
                break;
            }
        }
        return total;
    }

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private Settlement self() {
        return context.getBusinessObject(Settlement.class);
    }
}
