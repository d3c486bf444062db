package tw.gov.sms.quota.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.reports.Column;
import tw.gov.sms.reports.Column.Kind;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.reports.Sheet;

/**
 * Monthly bills (R11.2): per agency and Taiwan calendar month, the delivered segments of its paid jobs
 * (test jobs are never billed) times the unit price of the contract each job drew on. The fee is the
 * exact amount rounded half up to whole NT$ once, on the total; the detail by account and by job shows
 * exact amounts. Figures come from the daily usage rollup, which only grows as messages become final,
 * so re-running a closed month gives the same figures; {@code figures_sha256} proves it.
 */
@Stateless
public class BillingService {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    Settlement settlement;

    @Inject
    Audit audit;

    public record BillLine(String contractCode, BigDecimal unitPrice, long deliveredSegments, BigDecimal exactAmount) {}

    public record Bill(
            long agencyId,
            String agencyName,
            YearMonth month,
            long deliveredSegments,
            BigDecimal exactAmount,
            BigDecimal fee,
            List<BillLine> lines,
            String figuresSha256,
            boolean closed,
            OffsetDateTime generatedAt,
            int runs) {}

    /** What one run did: how many bills it wrote, and how many of those it found already there, unchanged. */
    public record Run(YearMonth month, int bills, int unchanged, int changed) {}

    /** One rounding, written once: half up to whole NT$. */
    public static BigDecimal fee(BigDecimal exactAmount) {
        return exactAmount.setScale(0, RoundingMode.HALF_UP);
    }

    /**
     * Produces the bills of {@code month} for every agency that had paid traffic in it. Final messages not
     * yet settled are settled first, so the bill counts everything that was final at the time of the run.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Run settleAndRun(YearMonth month) {
        settlement.settleAll(20_000, 10_000);
        return self().run(month);
    }

    @Resource
    jakarta.ejb.SessionContext context;

    private BillingService self() {
        return context.getBusinessObject(BillingService.class);
    }

    public Run run(YearMonth month) {
        if (month.isAfter(YearMonth.now(QuotaSettings.TAIWAN))) {
            throw QuotaException.invalid(
                    "BILL_MONTH_IN_FUTURE", "不能為尚未開始的月份出帳。", "A month that has not begun cannot be billed.");
        }
        boolean closed = month.isBefore(YearMonth.now(QuotaSettings.TAIWAN));
        int bills = 0;
        int unchanged = 0;
        int changed = 0;
        try (Connection c = dataSource.getConnection()) {
            for (long agency : agenciesWithTraffic(c, month)) {
                Bill bill = compute(c, agency, month);
                try (PreparedStatement ps = c.prepareStatement("insert into monthly_bill as b (agency_id, month,"
                        + " delivered_segments, exact_amount, fee, figures_sha256, generated_at, closed)"
                        + " values (?, ?, ?, ?, ?, ?, now(), ?) on conflict (agency_id, month) do update set"
                        + " delivered_segments = excluded.delivered_segments, exact_amount = excluded.exact_amount,"
                        + " fee = excluded.fee, figures_sha256 = excluded.figures_sha256,"
                        + " generated_at = excluded.generated_at, closed = excluded.closed, runs = b.runs + 1"
                        + " returning (xmax = 0) as inserted, (select figures_sha256 from monthly_bill o"
                        + " where o.agency_id = b.agency_id and o.month = b.month) as previous")) {
                    ps.setLong(1, agency);
                    ps.setObject(2, month.atDay(1));
                    ps.setLong(3, bill.deliveredSegments());
                    ps.setBigDecimal(4, bill.exactAmount());
                    ps.setBigDecimal(5, bill.fee());
                    ps.setString(6, bill.figuresSha256());
                    ps.setBoolean(7, closed);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            if (bill.figuresSha256().equals(rs.getString(2))) {
                                unchanged++;
                            } else {
                                changed++;
                            }
                        }
                    }
                }
                bills++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("billing " + month + " failed", e);
        }
        if (closed && changed > 0) {
            java.util.logging.Logger.getLogger(BillingService.class.getName())
                    .severe(changed + " bills of the closed month " + month
                            + " changed on re-run: messages became final after the month's bills ran");
        }
        audit.success(
                Actor.system("billing"),
                "BILL_RUN",
                "month:" + month,
                bills + " bills, " + unchanged + " unchanged, " + changed + " changed");
        return new Run(month, bills, unchanged, changed);
    }

    /** The stored bills of a month within the actor's sight (administrators all; others their agency's). */
    public List<Bill> bills(Actor actor, YearMonth month) {
        requireReports(actor);
        List<Bill> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            String sql = "select agency_id from monthly_bill where month = ?"
                    + (actor.seesAllAgencies() ? "" : " and agency_id = ?") + " order by agency_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, month.atDay(1));
                if (!actor.seesAllAgencies()) {
                    ps.setLong(2, actor.agencyValue());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(stored(c, rs.getLong(1), month));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the bill document (summary, detail by account, detail by job) of one agency and month. */
    public void write(Actor actor, long agencyId, YearMonth month, ReportWriter writer) {
        requireReports(actor);
        if (!actor.seesAllAgencies()
                && (actor.agency() == null || actor.agency().value() != agencyId)) {
            throw AccountException.notFound("帳單", "bill");
        }
        try (Connection c = dataSource.getConnection()) {
            Bill bill = stored(c, agencyId, month);
            List<String> notes = List.of(
                    "機關 Agency: " + bill.agencyName(),
                    "月份 Month: " + month,
                    "狀態 Status: " + (bill.closed() ? "已結帳 closed" : "月份未結束，暫估 provisional (month not over)"),
                    "計費規則 Rule: 僅計成功送達的則數（段）；費用 = Σ(則數 × 單價)，總額四捨五入至元，只進位一次。"
                            + " Only delivered segments are billed; fee = Σ(segments × unit price), rounded half up"
                            + " to whole NT$ once, on the total.",
                    "核對碼 Figures SHA-256: " + bill.figuresSha256());
            writer.sheet(
                    new Sheet(
                            "帳單 Bill",
                            "簡訊月帳單",
                            "Monthly SMS bill",
                            notes,
                            List.of(
                                    new Column("contract", "共契", "Contract", Kind.TEXT),
                                    new Column("unitPrice", "單價（元／則，含稅）", "Unit price (NT$, tax incl.)", Kind.DECIMAL),
                                    new Column("segments", "送達則數（段）", "Delivered segments", Kind.INTEGER),
                                    new Column("amount", "金額（未捨入）", "Amount (unrounded)", Kind.DECIMAL))),
                    rows -> {
                        for (BillLine l : bill.lines()) {
                            rows.row(Arrays.asList(
                                    l.contractCode(), l.unitPrice(), l.deliveredSegments(), l.exactAmount()));
                        }
                        rows.total(Arrays.asList("合計 Total", null, bill.deliveredSegments(), bill.exactAmount()));
                        rows.total(Arrays.asList("應付費用（元） Fee (NT$)", null, null, bill.fee()));
                    });
            LocalDate from = month.atDay(1);
            LocalDate to = month.plusMonths(1).atDay(1);
            writer.sheet(
                    new Sheet(
                            "依帳號 By account",
                            "依帳號明細",
                            "Detail by account",
                            List.of("機關 Agency: " + bill.agencyName(), "月份 Month: " + month),
                            List.of(
                                    new Column("account", "帳號", "Account", Kind.TEXT),
                                    new Column("name", "姓名", "Name", Kind.TEXT),
                                    new Column("jobs", "工作數", "Jobs", Kind.INTEGER),
                                    new Column("segments", "送達則數（段）", "Delivered segments", Kind.INTEGER),
                                    new Column("amount", "金額（未捨入）", "Amount (unrounded)", Kind.DECIMAL))),
                    rows -> query(
                            c,
                            "select coalesce(a.username, case when u.api_client_id <> 0 then 'API ' || k.client_id"
                                    + " else '—' end), coalesce(a.display_name, ''), count(distinct u.job_id),"
                                    + " sum(u.delivered_segments), sum(u.delivered_segments * p.unit_price)"
                                    + " from usage_daily u join contract p on p.id = u.contract_id"
                                    + " left join account a on a.id = u.account_id"
                                    + " left join api_client k on k.id = u.api_client_id"
                                    + " where u.agency_id = ? and u.day >= ? and u.day < ? and not u.test"
                                    + " group by 1, 2 order by 1",
                            new Object[] {agencyId, from, to},
                            rs -> rows.row(Arrays.asList(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getLong(4),
                                    rs.getBigDecimal(5)))));
            writer.sheet(
                    new Sheet(
                            "依工作 By job",
                            "依發送工作明細",
                            "Detail by send job",
                            List.of("機關 Agency: " + bill.agencyName(), "月份 Month: " + month),
                            List.of(
                                    new Column("job", "工作編號", "Job", Kind.INTEGER),
                                    new Column("acceptedAt", "受理時間", "Accepted at", Kind.DATE_TIME),
                                    new Column("account", "帳號", "Account", Kind.TEXT),
                                    new Column("recipients", "收件數", "Recipients", Kind.INTEGER),
                                    new Column("delivered", "送達則數", "Delivered messages", Kind.INTEGER),
                                    new Column("segments", "送達則數（段）", "Delivered segments", Kind.INTEGER),
                                    new Column("unitPrice", "單價", "Unit price", Kind.DECIMAL),
                                    new Column("amount", "金額（未捨入）", "Amount (unrounded)", Kind.DECIMAL))),
                    rows -> query(
                            c,
                            "select u.job_id, j.accepted_at, coalesce(a.username, 'API'), sum(u.messages),"
                                    + " sum(u.delivered_messages), sum(u.delivered_segments), p.unit_price,"
                                    + " sum(u.delivered_segments * p.unit_price)"
                                    + " from usage_daily u join contract p on p.id = u.contract_id"
                                    + " join send_job j on j.id = u.job_id left join account a on a.id = u.account_id"
                                    + " where u.agency_id = ? and u.day >= ? and u.day < ? and not u.test"
                                    + " group by 1, 2, 3, 7 order by 1",
                            new Object[] {agencyId, from, to},
                            rs -> rows.row(Arrays.asList(
                                    rs.getLong(1),
                                    rs.getObject(2, OffsetDateTime.class),
                                    rs.getString(3),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getBigDecimal(7),
                                    rs.getBigDecimal(8)))));
            audit.success(actor, "BILL_EXPORT", "agency:" + agencyId, "month " + month);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of one agency and month, computed from the rollup (not what is stored). */
    Bill compute(Connection c, long agencyId, YearMonth month) throws SQLException {
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        List<BillLine> lines = new ArrayList<>();
        StringBuilder canonical = new StringBuilder("agency=" + agencyId + ";month=" + month + "\n");
        try (PreparedStatement ps = c.prepareStatement("select p.code, p.unit_price, sum(u.delivered_segments)"
                + " from usage_daily u join contract p on p.id = u.contract_id"
                + " where u.agency_id = ? and u.day >= ? and u.day < ? and not u.test group by 1, 2 order by 1")) {
            ps.setLong(1, agencyId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal price = rs.getBigDecimal(2);
                    long segments = rs.getLong(3);
                    BigDecimal exact = price.multiply(BigDecimal.valueOf(segments));
                    lines.add(new BillLine(rs.getString(1), price, segments, exact));
                    canonical
                            .append(rs.getString(1))
                            .append('|')
                            .append(price.toPlainString())
                            .append('|')
                            .append(segments)
                            .append('\n');
                }
            }
        }
        // The detail by job is part of what must not change.
        try (PreparedStatement ps = c.prepareStatement(
                "select job_id, sum(messages), sum(delivered_segments)"
                        + " from usage_daily where agency_id = ? and day >= ? and day < ? and not test group by 1 order by 1")) {
            ps.setLong(1, agencyId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    canonical
                            .append("job ")
                            .append(rs.getLong(1))
                            .append('|')
                            .append(rs.getLong(2))
                            .append('|')
                            .append(rs.getLong(3))
                            .append('\n');
                }
            }
        }
        long segments = lines.stream().mapToLong(BillLine::deliveredSegments).sum();
        BigDecimal exact = lines.stream().map(BillLine::exactAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Bill(
                agencyId,
                agencyName(c, agencyId),
                month,
                segments,
                exact,
                fee(exact),
                lines,
                sha256(canonical.toString()),
                false,
                null,
                0);
    }

    private Bill stored(Connection c, long agencyId, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select delivered_segments, exact_amount, fee, figures_sha256,"
                + " closed, generated_at, runs from monthly_bill where agency_id = ? and month = ?")) {
            ps.setLong(1, agencyId);
            ps.setObject(2, month.atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw AccountException.notFound("帳單（該月尚未出帳）", "bill (the month has not been billed)");
                }
                Bill figures = compute(c, agencyId, month);
                return new Bill(
                        agencyId,
                        figures.agencyName(),
                        month,
                        rs.getLong(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        figures.lines(),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getObject(6, OffsetDateTime.class),
                        rs.getInt(7));
            }
        }
    }

    private static List<Long> agenciesWithTraffic(Connection c, YearMonth month) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct agency_id from usage_daily"
                + " where day >= ? and day < ? and not test and contract_id <> 0 order by 1")) {
            ps.setObject(1, month.atDay(1));
            ps.setObject(2, month.plusMonths(1).atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static String agencyName(Connection c, long agencyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select name from agency where id = ?")) {
            ps.setLong(1, agencyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : String.valueOf(agencyId);
            }
        }
    }

    static void requireReports(Actor actor) {
        if (!actor.seesAllAgencies() && !actor.hasPermission(Permission.REPORTS)) {
            throw AccountException.notPermitted("您沒有「查看報表」權限。", "You do not have the reports permission.");
        }
    }

    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, Object[] args, RowHandler handler) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
