package tw.gov.sms.reporting.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.account.infrastructure.jdbc.SightPredicate;
import tw.gov.sms.quota.application.BillingService;
import tw.gov.sms.reports.Column;
import tw.gov.sms.reports.Column.Kind;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.reports.Sheet;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * The four reports of R7 and the monthly operations report (R11.5), each written to any
 * {@link ReportWriter} (xlsx, csv, pdf, or JSON for the screens) and scoped to the viewer's visibility in
 * the query itself: administrators see every agency, a group administrator their group, a user their own
 * sends, an API client its agency's. Statistics read the daily usage rollup, never the message table;
 * only the per-message sending records read messages, one bounded period at a time.
 */
@Stateless
public class ReportService {

    /** The longest period the per-message records report covers in one export. */
    public static final int MAX_RECORD_DAYS = 31;

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    FieldCipher cipher;

    @Inject
    Audit audit;

    /** How the sending statistics are grouped. */
    public enum Grouping {
        AGENCY,
        ACCOUNT,
        CARRIER,
        DAY,
        MONTH;

        public static Grouping parse(String text) {
            try {
                return text == null || text.isBlank()
                        ? AGENCY
                        : valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw AccountException.invalid(
                        "REPORT_GROUPING_INVALID",
                        "by 參數須為 agency、account、carrier、day 或 month。",
                        "The by parameter must be agency, account, carrier, day or month.");
            }
        }
    }

    /** 帳號清冊: accounts within sight, with role, agency, group, status, last login, MFA and last inventory confirmation. */
    public void accounts(Actor actor, ReportWriter writer) {
        requireReports(actor);
        StringBuilder sql = new StringBuilder("select a.username, a.display_name, a.role, coalesce(g2.name, ''),"
                + " coalesce(g.name, ''), a.status, a.last_login_at, a.mfa_kind, a.permissions,"
                + " a.last_inventory_at"
                + " from account a left join account_group g on g.id = a.group_id left join agency g2 on g2.id = a.agency_id"
                + " where a.status <> 'DELETED'");
        List<Object> args = new ArrayList<>();
        if (!actor.seesAllAgencies()) {
            if (actor.has(Role.GROUP_ADMIN)) {
                sql.append(" and a.group_id = ?");
                args.add(actor.groupId());
            } else if (actor.isUser()) {
                sql.append(" and a.id = ?");
                args.add(actor.accountId());
            } else {
                sql.append(" and a.agency_id = ?");
                args.add(actor.agencyValue());
            }
        }
        sql.append(" order by 4, 5, a.username");
        Sheet sheet = new Sheet(
                "帳號清冊 Accounts",
                "帳號清冊",
                "Account roster",
                List.of(scopeNote(actor)),
                List.of(
                        new Column("username", "帳號", "Username", Kind.TEXT),
                        new Column("name", "姓名", "Name", Kind.TEXT),
                        new Column("role", "角色", "Role", Kind.TEXT),
                        new Column("agency", "機關", "Agency", Kind.TEXT),
                        new Column("group", "群組", "Group", Kind.TEXT),
                        new Column("status", "狀態", "Status", Kind.TEXT),
                        new Column("lastLogin", "最後登入", "Last login", Kind.DATE_TIME),
                        new Column("mfa", "第二因子", "Second factor", Kind.TEXT),
                        new Column("permissions", "權限", "Permissions", Kind.TEXT),
                        new Column("confirmed", "最近盤點確認", "Last inventory confirmation", Kind.DATE_TIME)));
        write(
                actor,
                "REPORT_ACCOUNTS",
                "",
                writer,
                sheet,
                sql.toString(),
                args,
                rs -> Arrays.asList(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)).zh() + " " + rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class)));
    }

    /** 簡訊發送統計表: paid sends by agency, account, carrier, day or month, from the daily rollup. */
    public void sending(Actor actor, LocalDate from, LocalDate to, Grouping by, ReportWriter writer) {
        requireReports(actor);
        requirePeriod(from, to);
        String key;
        String label;
        Column keyColumn;
        switch (by) {
            case ACCOUNT -> {
                key = "coalesce(a.username, case when u.api_client_id <> 0 then 'API ' || k.client_id else '—' end)";
                label = "g.name";
                keyColumn = new Column("account", "帳號", "Account", Kind.TEXT);
            }
            case CARRIER -> {
                key = "case u.carrier when '' then '—' else u.carrier end";
                label = "null::text";
                keyColumn = new Column("carrier", "電信業者", "Carrier", Kind.TEXT);
            }
            case DAY -> {
                key = "to_char(u.day, 'YYYY-MM-DD')";
                label = "null::text";
                keyColumn = new Column("day", "日期", "Day", Kind.TEXT);
            }
            case MONTH -> {
                key = "to_char(u.day, 'YYYY-MM')";
                label = "null::text";
                keyColumn = new Column("month", "月份", "Month", Kind.TEXT);
            }
            default -> {
                key = "g.name";
                label = "null::text";
                keyColumn = new Column("agency", "機關", "Agency", Kind.TEXT);
            }
        }
        List<Object> args = new ArrayList<>(List.of(from, to.plusDays(1)));
        String scope = SightPredicate.and(actor, "u", args);
        String sql = "select " + key + ", " + label + ", count(distinct u.job_id), sum(u.messages), sum(u.segments),"
                + " sum(u.delivered_messages), sum(u.delivered_segments), sum(u.undelivered_messages + u.failed_messages),"
                + " sum(u.expired_messages), sum(u.cancelled_messages),"
                + " sum(u.delivered_segments * coalesce(p.unit_price, 0))"
                + " from usage_daily u join agency g on g.id = u.agency_id"
                + " left join account a on a.id = u.account_id left join api_client k on k.id = u.api_client_id"
                + " left join contract p on p.id = u.contract_id"
                + " where u.day >= ? and u.day < ? and not u.test" + scope + " group by 1, 2 order by 1, 2";
        List<Column> columns = new ArrayList<>();
        columns.add(keyColumn);
        if (by == Grouping.ACCOUNT) {
            columns.add(new Column("agency", "機關", "Agency", Kind.TEXT));
        }
        columns.addAll(List.of(
                new Column("jobs", "工作數", "Jobs", Kind.INTEGER),
                new Column("recipients", "收件數", "Recipients", Kind.INTEGER),
                new Column("segments", "則數（段）", "Segments", Kind.INTEGER),
                new Column("delivered", "送達", "Delivered", Kind.INTEGER),
                new Column("deliveredSegments", "送達則數（段）", "Delivered segments", Kind.INTEGER),
                new Column("failed", "失敗", "Failed", Kind.INTEGER),
                new Column("expired", "逾時", "Expired", Kind.INTEGER),
                new Column("rate", "送達率", "Delivery rate", Kind.PERCENT),
                new Column("fee", "費用（元）", "Fee (NT$)", Kind.MONEY)));
        Sheet sheet = new Sheet(
                "發送統計 Sending",
                "簡訊發送統計表",
                "Sending statistics",
                List.of(
                        scopeNote(actor),
                        "期間 Period: " + from + " – " + to,
                        "依 By: " + by.name().toLowerCase(java.util.Locale.ROOT),
                        "不含測試簡訊；費用 = 送達則數 × 單價，四捨五入至元。 Test messages excluded; fee = delivered"
                                + " segments × unit price, rounded half up to whole NT$."),
                columns);
        long[] totals = new long[8];
        BigDecimal[] exactTotal = {BigDecimal.ZERO};
        write(
                actor,
                "REPORT_SENDING",
                from + ".." + to + " by " + by,
                writer,
                sheet,
                sql,
                args,
                rs -> {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getString(1));
                    if (by == Grouping.ACCOUNT) {
                        row.add(rs.getString(2));
                    }
                    long recipients = rs.getLong(4);
                    long delivered = rs.getLong(6);
                    long cancelled = rs.getLong(10);
                    long[] values = {
                        rs.getLong(3), recipients, rs.getLong(5), delivered, rs.getLong(7), rs.getLong(8), rs.getLong(9)
                    };
                    for (int i = 0; i < values.length; i++) {
                        totals[i] += values[i];
                        row.add(values[i]);
                    }
                    totals[7] += cancelled;
                    row.add(rate(delivered, recipients - cancelled));
                    BigDecimal exact = rs.getBigDecimal(11);
                    exactTotal[0] = exactTotal[0].add(exact);
                    row.add(BillingService.fee(exact));
                    return row;
                },
                sink -> {
                    List<Object> total = new ArrayList<>();
                    total.add("合計 Total");
                    if (by == Grouping.ACCOUNT) {
                        total.add(null);
                    }
                    // Jobs can appear under several keys (days, carriers), so their total is not a sum.
                    total.add(null);
                    for (int i = 1; i < 7; i++) {
                        total.add(totals[i]);
                    }
                    total.add(rate(totals[3], totals[1] - totals[7]));
                    total.add(BillingService.fee(exactTotal[0]));
                    sink.total(total);
                });
    }

    /** 共契下單統計表: orders, quantities and amounts per agency and contract, with what is used and left. */
    public void orders(Actor actor, LocalDate from, LocalDate to, ReportWriter writer) {
        requireReports(actor);
        List<Object> args = new ArrayList<>();
        StringBuilder orderFilter = new StringBuilder();
        if (from != null) {
            orderFilter.append(" and o.ordered_on >= ?");
            args.add(from);
        }
        if (to != null) {
            orderFilter.append(" and o.ordered_on <= ?");
            args.add(to);
        }
        String scope = "";
        if (!actor.seesAllAgencies()) {
            scope = " and b.agency_id = ?";
            args.add(actor.agencyValue());
        }
        String sql = "select c.code, g.name, count(o.id), coalesce(sum(o.segments), 0), coalesce(sum(o.amount), 0),"
                + " b.charged, b.reserved, b.lapsed, b.ordered - b.lapsed - b.reserved - b.charged"
                + " from quota_balance b join contract c on c.id = b.contract_id join agency g on g.id = b.agency_id"
                + " left join quota_order o on o.contract_id = b.contract_id and o.agency_id = b.agency_id"
                + orderFilter
                + " where b.account_id = 0" + scope
                + " group by c.code, c.starts_on, g.name, b.charged, b.reserved, b.lapsed, b.ordered"
                + " order by c.starts_on, g.name";
        Sheet sheet = new Sheet(
                "共契下單 Orders",
                "共契下單統計表",
                "Joint-contract order statistics",
                List.of(
                        scopeNote(actor),
                        "下單期間 Orders placed: " + (from == null ? "—" : from) + " – " + (to == null ? "—" : to),
                        "已用、保留、失效與剩餘為截至目前的共契額度。 Used, reserved, lapsed and remaining are the"
                                + " contract's quota as of now."),
                List.of(
                        new Column("contract", "共契", "Contract", Kind.TEXT),
                        new Column("agency", "機關", "Agency", Kind.TEXT),
                        new Column("orders", "訂單數", "Orders", Kind.INTEGER),
                        new Column("ordered", "訂購則數", "Segments ordered", Kind.INTEGER),
                        new Column("amount", "訂購金額（元）", "Amount (NT$)", Kind.MONEY),
                        new Column("used", "已用則數", "Used (charged)", Kind.INTEGER),
                        new Column("reserved", "保留中", "Reserved", Kind.INTEGER),
                        new Column("lapsed", "已失效", "Lapsed", Kind.INTEGER),
                        new Column("remaining", "剩餘則數", "Remaining", Kind.INTEGER)));
        write(
                actor,
                "REPORT_ORDERS",
                from + ".." + to,
                writer,
                sheet,
                sql,
                args,
                rs -> Arrays.asList(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9)));
    }

    /** 簡訊發送紀錄: one row per message accepted in the period, the number masked. */
    public void records(Actor actor, LocalDate from, LocalDate to, Long jobId, ReportWriter writer) {
        requireReports(actor);
        if (!actor.seesAllAgencies() && !actor.hasPermission(Permission.VIEW)) {
            throw AccountException.notPermitted("您沒有「查看發送紀錄」權限。", "You do not have the view permission.");
        }
        requirePeriod(from, to);
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_RECORD_DAYS) {
            throw AccountException.invalid(
                    "REPORT_PERIOD_TOO_LONG",
                    "發送紀錄一次最多匯出 " + MAX_RECORD_DAYS + " 天，請縮短期間。",
                    "Sending records cover at most " + MAX_RECORD_DAYS + " days per export; shorten the period.");
        }
        List<Object> args = new ArrayList<>(List.of(
                from.atStartOfDay(tw.gov.sms.quota.application.QuotaSettings.TAIWAN)
                        .toOffsetDateTime(),
                to.plusDays(1)
                        .atStartOfDay(tw.gov.sms.quota.application.QuotaSettings.TAIWAN)
                        .toOffsetDateTime()));
        String jobFilter = "";
        if (jobId != null) {
            jobFilter = " and j.id = ?";
            args.add(jobId);
        }
        String scope = SightPredicate.and(actor, "j", args);
        String sql = "select j.id, m.seq, m.msisdn_cipher, m.carrier, m.route_reason, m.state, m.segments,"
                + " m.delivered_segments, m.accepted_at, m.submitted_at, m.final_at, m.error_code, m.error_detail, j.test"
                + " from send_job j join message m on m.job_id = j.id and m.accepted_at = j.accepted_at"
                + " where j.accepted_at >= ? and j.accepted_at < ?" + jobFilter + scope + " order by j.id, m.seq";
        Sheet sheet = new Sheet(
                "發送紀錄 Records",
                "簡訊發送紀錄",
                "Sending records",
                List.of(
                        scopeNote(actor),
                        "受理期間 Accepted: " + from + " – " + to + (jobId == null ? "" : "，工作 job " + jobId),
                        "門號已遮蔽。 Numbers are masked."),
                List.of(
                        new Column("job", "工作編號", "Job", Kind.INTEGER),
                        new Column("seq", "序號", "Row", Kind.INTEGER),
                        new Column("number", "門號", "Number", Kind.TEXT),
                        new Column("carrier", "電信業者", "Carrier", Kind.TEXT),
                        new Column("route", "路由依據", "Route", Kind.TEXT),
                        new Column("state", "狀態", "State", Kind.TEXT),
                        new Column("segments", "則數（段）", "Segments", Kind.INTEGER),
                        new Column("delivered", "送達則數", "Delivered segments", Kind.INTEGER),
                        new Column("accepted", "受理時間", "Accepted", Kind.DATE_TIME),
                        new Column("submitted", "送出時間", "Submitted", Kind.DATE_TIME),
                        new Column("final", "結果時間", "Final", Kind.DATE_TIME),
                        new Column("reason", "失敗原因", "Failure reason", Kind.TEXT),
                        new Column("test", "測試", "Test", Kind.TEXT)));
        write(
                actor,
                "REPORT_RECORDS",
                from + ".." + to + (jobId == null ? "" : " job " + jobId),
                writer,
                sheet,
                sql,
                args,
                rs -> Arrays.asList(
                        rs.getLong(1),
                        rs.getLong(2) + 1,
                        Msisdn.of(cipher.decrypt(rs.getBytes(3), Purpose.MSISDN))
                                .masked(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getObject(9, OffsetDateTime.class),
                        rs.getObject(10, OffsetDateTime.class),
                        rs.getObject(11, OffsetDateTime.class),
                        rs.getString(12) == null ? null : rs.getString(12) + ": " + rs.getString(13),
                        rs.getBoolean(14) ? "是 yes" : ""));
    }

    /**
     * The monthly operations report (R11.5), for MODA and system administrators: sending statistics by
     * agency and by carrier, the incidents recorded in the month, and the state of the account inventory.
     */
    public void operations(Actor actor, YearMonth month, ReportWriter writer) {
        if (!actor.seesAllAgencies()) {
            throw AccountException.notPermitted(
                    "只有數位部或系統管理者可以下載維運月報。", "Only MODA or system administrators may download the operations report.");
        }
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        sending(actor, from, to, Grouping.AGENCY, writer);
        sending(actor, from, to, Grouping.CARRIER, writer);
        List<Object> args = List.of(
                from.atStartOfDay(tw.gov.sms.quota.application.QuotaSettings.TAIWAN)
                        .toOffsetDateTime(),
                to.plusDays(1)
                        .atStartOfDay(tw.gov.sms.quota.application.QuotaSettings.TAIWAN)
                        .toOffsetDateTime());
        write(
                actor,
                "REPORT_OPERATIONS",
                month.toString(),
                writer,
                new Sheet(
                        "事件 Incidents",
                        "異常事件紀錄",
                        "Incidents",
                        List.of("月份 Month: " + month),
                        List.of(
                                new Column("occurred", "發生時間", "Occurred", Kind.DATE_TIME),
                                new Column("resolved", "排除時間", "Resolved", Kind.DATE_TIME),
                                new Column("severity", "嚴重度", "Severity", Kind.TEXT),
                                new Column("title", "標題", "Title", Kind.TEXT),
                                new Column("description", "說明", "Description", Kind.TEXT))),
                "select occurred_at, resolved_at, severity, title, description from incident"
                        + " where occurred_at >= ? and occurred_at < ? order by occurred_at",
                args,
                rs -> Arrays.asList(
                        rs.getObject(1, OffsetDateTime.class),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)));
        write(
                actor,
                "REPORT_OPERATIONS",
                month + " inventory",
                writer,
                new Sheet(
                        "帳號盤點 Inventory",
                        "帳號盤點狀態",
                        "Account inventory",
                        List.of("最近一次盤點 The latest campaigns"),
                        List.of(
                                new Column("campaign", "盤點編號", "Campaign", Kind.INTEGER),
                                new Column("started", "開始", "Started", Kind.DATE_TIME),
                                new Column("deadline", "期限", "Deadline", Kind.DATE_TIME),
                                new Column("closed", "結束", "Closed", Kind.DATE_TIME),
                                new Column("confirmed", "已確認", "Confirmed", Kind.INTEGER),
                                new Column("revoked", "已撤銷", "Revoked", Kind.INTEGER),
                                new Column("pending", "未回覆", "Pending", Kind.INTEGER))),
                "select c.id, c.started_at, c.deadline, c.closed_at,"
                        + " count(*) filter (where i.decision = 'CONFIRMED'),"
                        + " count(*) filter (where i.decision = 'REVOKED'),"
                        + " count(*) filter (where i.decision not in ('CONFIRMED', 'REVOKED'))"
                        + " from inventory_campaign c left join inventory_item i on i.campaign_id = c.id"
                        + " group by 1, 2, 3, 4 order by c.started_at desc limit 5",
                List.of(),
                rs -> Arrays.asList(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)));
    }

    interface RowMapper {
        List<?> map(ResultSet rs) throws SQLException;
    }

    private void write(
            Actor actor,
            String action,
            String detail,
            ReportWriter writer,
            Sheet sheet,
            String sql,
            List<Object> args,
            RowMapper mapper) {
        write(actor, action, detail, writer, sheet, sql, args, mapper, sink -> {});
    }

    private void write(
            Actor actor,
            String action,
            String detail,
            ReportWriter writer,
            Sheet sheet,
            String sql,
            List<Object> args,
            RowMapper mapper,
            java.util.function.Consumer<tw.gov.sms.reports.RowSink> after) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                writer.sheet(sheet, sink -> {
                    try {
                        while (rs.next()) {
                            sink.row(mapper.map(rs));
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    after.accept(sink);
                });
            }
            audit.success(actor, action, null, detail);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String scopeNote(Actor actor) {
        String who = actor.seesAllAgencies()
                ? "全部機關 all agencies"
                : actor.has(Role.GROUP_ADMIN)
                        ? "本群組 your group"
                        : actor.isUser() ? "本人 your own sends" : "本機關 your agency";
        return "範圍 Scope: " + who;
    }

    private static BigDecimal rate(long delivered, long of) {
        return of <= 0 ? null : BigDecimal.valueOf(delivered).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
    }

    private static void requireReports(Actor actor) {
        if (!actor.seesAllAgencies() && !actor.hasPermission(Permission.REPORTS)) {
            throw AccountException.notPermitted("您沒有「查看報表」權限。", "You do not have the reports permission.");
        }
    }

    private static void requirePeriod(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw AccountException.invalid(
                    "REPORT_PERIOD_INVALID",
                    "請以 from 與 to（yyyy-MM-dd）指定期間，且 to 不可早於 from。",
                    "Give the period as from and to (yyyy-MM-dd), with to not before from.");
        }
    }
}
