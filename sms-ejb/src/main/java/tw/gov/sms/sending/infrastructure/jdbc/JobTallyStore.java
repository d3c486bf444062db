package tw.gov.sms.sending.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tw.gov.sms.sending.domain.MessageState;

/**
 * A job's messages counted per carrier and state, with the latest hand-off and final times: everything the
 * job page shows about its messages as a whole, in one pass over the job.
 *
 * <p>The pass reads the covering index {@code message_job_counts_idx} (V13) in job order and groups in a hash
 * table. The planner is told so for this statement: it expects a few thousand rows for {@code job_id = ? and
 * accepted_at = ?} (it takes the two columns as independent), so for a job of 200,000 whose pages autovacuum
 * has not yet marked all-visible it ANDs a bitmap of the whole primary key (whose second column is
 * {@code accepted_at}) into the job's, then sorts the 200,000 rows on disk to group them: 0.6–1.2 s instead of
 * 0.1–0.25 s (docs/benchmarks.md, portal). A completed job's messages never change state again (a completed
 * job has only final messages, and a final state is final), so its tally is kept in {@code send_job.tally}
 * (V15) the first time it is read, and later reads cost one row.
 */
@ApplicationScoped
public class JobTallyStore {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    /** The messages of one carrier ({@code null}: not routed yet) in one state. */
    public record Line(
            String carrier,
            MessageState state,
            int messages,
            OffsetDateTime lastSubmittedAt,
            OffsetDateTime lastFinalAt,
            long deliveredSegments) {}

    /** A job's tally; carriers in name order with the unrouted last, states in their declared order. */
    public record Tally(List<Line> lines) {

        public Map<MessageState, Integer> byState() {
            Map<MessageState, Integer> counts = new EnumMap<>(MessageState.class);
            lines.forEach(l -> counts.merge(l.state(), l.messages(), Integer::sum));
            return counts;
        }

        public OffsetDateTime lastSubmittedAt() {
            return latest(lines.stream().map(Line::lastSubmittedAt).toList());
        }

        public OffsetDateTime lastFinalAt() {
            return latest(lines.stream().map(Line::lastFinalAt).toList());
        }

        /** No message is still waiting to be handed to a carrier. */
        public boolean allHandedOver() {
            return lines.stream().noneMatch(l -> l.state().isAwaitingHandOff());
        }

        public long deliveredSegments() {
            return lines.stream().mapToLong(Line::deliveredSegments).sum();
        }

        private static OffsetDateTime latest(List<OffsetDateTime> times) {
            return times.stream()
                    .filter(t -> t != null)
                    .max(OffsetDateTime::compareTo)
                    .orElse(null);
        }
    }

    /**
     * The tally of a job.
     *
     * @param completed whether the job is {@code COMPLETED}: then the kept tally is used, or kept now
     */
    public Tally tally(long jobId, OffsetDateTime acceptedAt, boolean completed) {
        try (Connection c = dataSource.getConnection()) {
            if (completed) {
                Tally kept = kept(c, jobId);
                if (kept != null) {
                    return kept;
                }
            }
            Tally counted = count(c, jobId, acceptedAt);
            if (completed) {
                keep(c, jobId, counted);
            }
            return counted;
        } catch (SQLException e) {
            throw new IllegalStateException("counting the messages of job " + jobId + " failed", e);
        }
    }

    private static Tally count(Connection c, long jobId, OffsetDateTime acceptedAt) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (Statement planner = c.createStatement()) {
            // Only for this statement, inside the caller's transaction (see the class comment); outside a
            // transaction PostgreSQL ignores SET LOCAL and the query is merely planned as usual.
            planner.execute("set local enable_bitmapscan = off; set local enable_sort = off");
            try (PreparedStatement ps = c.prepareStatement("select carrier, state, count(*), max(submitted_at),"
                    + " max(final_at), coalesce(sum(delivered_segments), 0) from message"
                    + " where job_id = ? and accepted_at = ? group by carrier, state")) {
                ps.setLong(1, jobId);
                ps.setObject(2, acceptedAt);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new Line(
                                rs.getString(1),
                                MessageState.valueOf(rs.getString(2)),
                                rs.getInt(3),
                                rs.getObject(4, OffsetDateTime.class),
                                rs.getObject(5, OffsetDateTime.class),
                                rs.getLong(6)));
                    }
                }
            } finally {
                planner.execute("reset enable_bitmapscan; reset enable_sort");
            }
        }
        return ordered(lines);
    }

    private static Tally kept(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select tally::text from send_job where id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                String json = rs.next() ? rs.getString(1) : null;
                return json == null ? null : fromJson(json);
            }
        }
    }

    /** Keeps the tally of a completed job; a concurrent reader may have kept the same one first. */
    private static void keep(Connection c, long jobId, Tally tally) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update send_job set tally = cast(? as jsonb)"
                + " where id = ? and state = 'COMPLETED' and tally is null")) {
            ps.setString(1, toJson(tally));
            ps.setLong(2, jobId);
            ps.executeUpdate();
        }
    }

    private static Tally ordered(List<Line> lines) {
        return new Tally(lines.stream()
                .sorted(Comparator.comparing(Line::carrier, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                        .thenComparing(Line::state))
                .toList());
    }

    static String toJson(Tally tally) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Line l : tally.lines()) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            if (l.carrier() != null) {
                o.add("carrier", l.carrier());
            }
            o.add("state", l.state().name()).add("messages", l.messages());
            if (l.lastSubmittedAt() != null) {
                o.add("lastSubmittedAt", l.lastSubmittedAt().toString());
            }
            if (l.lastFinalAt() != null) {
                o.add("lastFinalAt", l.lastFinalAt().toString());
            }
            array.add(o.add("deliveredSegments", l.deliveredSegments()));
        }
        return array.build().toString();
    }

    static Tally fromJson(String json) {
        List<Line> lines = new ArrayList<>();
        for (JsonValue v : Json.createReader(new StringReader(json)).readArray()) {
            JsonObject o = v.asJsonObject();
            lines.add(new Line(
                    o.getString("carrier", null),
                    MessageState.valueOf(o.getString("state")),
                    o.getInt("messages"),
                    time(o, "lastSubmittedAt"),
                    time(o, "lastFinalAt"),
                    o.getJsonNumber("deliveredSegments").longValue()));
        }
        return ordered(lines);
    }

    private static OffsetDateTime time(JsonObject o, String name) {
        String text = o.getString(name, null);
        return text == null ? null : OffsetDateTime.parse(text);
    }
}
