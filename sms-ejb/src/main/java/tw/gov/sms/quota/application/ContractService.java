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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.quota.domain.InsufficientQuotaException;
import tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger;

/**
 * Contracts, orders, quota modes and allocations (共契下單, R11.1-R11.2). MODA and system administrators
 * configure contract periods and place orders for agencies; an order adds its segments to the agency's
 * quota under its contract. A group administrator with the quota permission chooses whether the agency's
 * quota is shared or allocated and sets the allocations of the accounts of their own group. Every
 * change is a ledger entry and an audit event in the same transaction.
 */
@Stateless
public class ContractService {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    Audit audit;

    private final QuotaLedger ledger = new QuotaLedger();

    public record Order(
            long id,
            long contractId,
            String contractCode,
            long agencyId,
            String agencyName,
            String orderNo,
            LocalDate orderedOn,
            long segments,
            BigDecimal amount,
            OffsetDateTime createdAt) {}

    public QuotaService.Contract createContract(
            Actor actor, String code, String name, LocalDate startsOn, LocalDate endsOn, BigDecimal unitPrice) {
        requireAdministrator(actor, "CONTRACT_CREATE");
        if (code == null || code.isBlank() || name == null || name.isBlank()) {
            throw QuotaException.invalid(
                    "CONTRACT_FIELDS_MISSING", "共契代碼與名稱為必填。", "A contract needs a code and a name.");
        }
        if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn)) {
            throw QuotaException.invalid(
                    "CONTRACT_PERIOD_INVALID",
                    "共契期間無效：結束日不可早於開始日。",
                    "The contract period is invalid: it cannot end before it starts.");
        }
        if (unitPrice == null || unitPrice.signum() <= 0 || unitPrice.scale() > 4) {
            throw QuotaException.invalid(
                    "CONTRACT_PRICE_INVALID",
                    "每則（段）單價須為正數，最多 4 位小數（新臺幣，含稅）。",
                    "The unit price per segment must be positive with at most 4 decimals (NT$, tax included).");
        }
        try (Connection c = dataSource.getConnection()) {
            // One contract in force on any day: the table lock makes the overlap check and the insert atomic.
            try (PreparedStatement ps = c.prepareStatement("lock table contract in share row exclusive mode")) {
                ps.execute();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("select code from contract where starts_on <= ? and ends_on >= ? or code = ?")) {
                ps.setObject(1, endsOn);
                ps.setObject(2, startsOn);
                ps.setString(3, code.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw QuotaException.conflict(
                                "CONTRACT_OVERLAPS",
                                "與既有共契「" + rs.getString(1) + "」的代碼或期間重疊。",
                                "The code or period overlaps the existing contract \"" + rs.getString(1) + "\".");
                    }
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into contract (code, name, starts_on, ends_on,"
                    + " unit_price, created_by) values (?, ?, ?, ?, ?, ?) returning id")) {
                ps.setString(1, code.strip());
                ps.setString(2, name.strip());
                ps.setObject(3, startsOn);
                ps.setObject(4, endsOn);
                ps.setBigDecimal(5, unitPrice);
                ps.setObject(6, actor.accountId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            audit.success(
                    actor,
                    "CONTRACT_CREATE",
                    "contract:" + id,
                    code + " " + startsOn + ".." + endsOn + " NT$" + unitPrice.toPlainString() + "/segment");
            return new QuotaService.Contract(id, code.strip(), name.strip(), startsOn, endsOn, unitPrice, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<QuotaService.Contract> contracts() {
        List<QuotaService.Contract> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, code, name, starts_on, ends_on, unit_price,"
                        + " lapsed_at is not null from contract order by starts_on desc");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(QuotaService.contract(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Places an order for an agency under a contract that has not ended; its segments join the agency's quota. */
    public Order placeOrder(
            Actor actor,
            String contractCode,
            long agencyId,
            String orderNo,
            LocalDate orderedOn,
            long segments,
            BigDecimal amount) {
        requireAdministrator(actor, "ORDER_PLACE");
        if (orderNo == null || orderNo.isBlank() || orderedOn == null) {
            throw QuotaException.invalid(
                    "ORDER_FIELDS_MISSING", "訂單編號與下單日期為必填。", "An order needs its number and date.");
        }
        if (segments <= 0 || amount == null || amount.signum() < 0 || amount.scale() > 2) {
            throw QuotaException.invalid(
                    "ORDER_QUANTITY_INVALID",
                    "訂購數量須為正整數，金額不可為負且最多 2 位小數。",
                    "The quantity must be a positive whole number and the amount non-negative with at most 2 decimals.");
        }
        try (Connection c = dataSource.getConnection()) {
            QuotaService.Contract contract = contractByCode(c, contractCode);
            if (contract.lapsed() || contract.endsOn().isBefore(QuotaSettings.today())) {
                throw QuotaException.conflict(
                        "ORDER_CONTRACT_ENDED",
                        "共契「" + contract.code() + "」已於 " + contract.endsOn() + " 結束，不能再下單。",
                        "The contract \"" + contract.code() + "\" ended on " + contract.endsOn()
                                + "; it takes no more orders.");
            }
            String agencyName = agencyName(c, agencyId);
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into quota_order (contract_id, agency_id, order_no,"
                    + " ordered_on, segments, amount, created_by) values (?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (contract_id, order_no) do nothing returning id, created_at")) {
                ps.setLong(1, contract.id());
                ps.setLong(2, agencyId);
                ps.setString(3, orderNo.strip());
                ps.setObject(4, orderedOn);
                ps.setLong(5, segments);
                ps.setBigDecimal(6, amount);
                ps.setObject(7, actor.accountId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw QuotaException.conflict(
                                "ORDER_DUPLICATE",
                                "訂單編號「" + orderNo.strip() + "」在此共契已存在。",
                                "The order number \"" + orderNo.strip() + "\" already exists under this contract.");
                    }
                    id = rs.getLong(1);
                }
            }
            ledger.order(c, contract.id(), agencyId, id, segments, ledgerActor(actor));
            audit.success(
                    actor,
                    "ORDER_PLACE",
                    "order:" + id,
                    "agency " + agencyId + ", " + orderNo.strip() + ", " + segments + " segments, NT$"
                            + amount.toPlainString());
            return new Order(
                    id,
                    contract.id(),
                    contract.code(),
                    agencyId,
                    agencyName,
                    orderNo.strip(),
                    orderedOn,
                    segments,
                    amount,
                    OffsetDateTime.now());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders within each role's sight: administrators all, everyone else their own agency's. */
    public List<Order> orders(Actor actor, Long agencyId, LocalDate from, LocalDate to) {
        Long agency = actor.seesAllAgencies() ? agencyId : actor.agencyValue();
        StringBuilder sql = new StringBuilder("select o.id, o.contract_id, c.code, o.agency_id, a.name, o.order_no,"
                + " o.ordered_on, o.segments, o.amount, o.created_at from quota_order o"
                + " join contract c on c.id = o.contract_id join agency a on a.id = o.agency_id where true");
        List<Object> args = new ArrayList<>();
        if (agency != null) {
            sql.append(" and o.agency_id = ?");
            args.add(agency);
        }
        if (from != null) {
            sql.append(" and o.ordered_on >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" and o.ordered_on <= ?");
            args.add(to);
        }
        sql.append(" order by o.ordered_on, o.id");
        List<Order> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Order(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getObject(7, LocalDate.class),
                            rs.getLong(8),
                            rs.getBigDecimal(9),
                            rs.getObject(10, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHARED or ALLOCATED, set by an administrator or a group administrator of the agency with the quota permission. */
    public void setMode(Actor actor, long agencyId, String mode) {
        if (!"SHARED".equals(mode) && !"ALLOCATED".equals(mode)) {
            throw QuotaException.invalid(
                    "QUOTA_MODE_INVALID",
                    "額度模式須為 SHARED（全機關共用）或 ALLOCATED（分配給帳號）。",
                    "The quota mode must be SHARED (the whole agency) or ALLOCATED (per account).");
        }
        requireQuotaManager(actor, agencyId, "QUOTA_MODE");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update agency set quota_mode = ? where id = ?")) {
            ps.setString(1, mode);
            ps.setLong(2, agencyId);
            if (ps.executeUpdate() == 0) {
                throw AccountException.notFound("機關", "agency");
            }
            audit.success(actor, "QUOTA_MODE", "agency:" + agencyId, mode);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets an account's allocation under the contract in force; returns the ledger's change. */
    public long allocate(Actor actor, long accountId, long segments) {
        try (Connection c = dataSource.getConnection()) {
            long agencyId;
            Long groupId;
            try (PreparedStatement ps = c.prepareStatement(
                    "select agency_id, group_id from account where id = ? and status <> 'DELETED'")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getObject(1) == null) {
                        throw AccountException.notFound("帳號", "account");
                    }
                    agencyId = rs.getLong(1);
                    groupId = rs.getObject(2, Long.class);
                }
            }
            if (!actor.seesAllAgencies()
                    && !(actor.has(Role.GROUP_ADMIN)
                            && actor.hasPermission(Permission.QUOTA)
                            && actor.canSee(new tw.gov.sms.account.domain.AgencyId(agencyId), groupId, accountId))) {
                if (!actor.canSee(new tw.gov.sms.account.domain.AgencyId(agencyId), groupId, accountId)) {
                    throw AccountException.notFound("帳號", "account");
                }
                audit.refused(actor, "QUOTA_ALLOCATE", "account:" + accountId, "role " + actor.roleName());
                throw AccountException.notPermitted(
                        "只有具「管理額度」權限的群組管理者或管理者可以分配額度。",
                        "Only group administrators with the quota permission, or administrators, may allocate quota.");
            }
            QuotaService.Contract contract = QuotaService.contractOn(c, QuotaSettings.today())
                    .orElseThrow(() -> QuotaException.conflict(
                            "QUOTA_NO_CONTRACT",
                            "今天沒有有效的共契期間，無法分配額度。",
                            "No contract period is in force today; quota cannot be allocated."));
            long delta;
            try {
                delta = ledger.allocate(c, contract.id(), agencyId, accountId, segments, ledgerActor(actor));
            } catch (InsufficientQuotaException e) {
                throw QuotaException.conflict(
                        "QUOTA_ALLOCATION_BELOW_USE",
                        "配額不可低於此帳號已使用或保留的數量。",
                        "An allocation cannot be set below what the account has already used or reserved.");
            } catch (IllegalArgumentException e) {
                throw QuotaException.invalid(
                        "QUOTA_ALLOCATION_INVALID", "配額須為 0 或正整數。", "An allocation must be zero or a positive number.");
            }
            audit.success(actor, "QUOTA_ALLOCATE", "account:" + accountId, segments + " segments (" + delta + ")");
            return delta;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lapses the unused quota of every contract that ended before today (Taiwan). Idempotent: a contract
     * is marked lapsed in the same transaction as its entries. Returns the segments lapsed.
     */
    public long lapseEnded() {
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            List<Long> ended = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from contract where ends_on < ? and lapsed_at is null order by id for update skip locked")) {
                ps.setObject(1, QuotaSettings.today());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(rs.getLong(1));
                    }
                }
            }
            for (long contract : ended) {
                try (PreparedStatement ps = c.prepareStatement(
                        "select distinct agency_id from quota_balance where contract_id = ? order by agency_id")) {
                    ps.setLong(1, contract);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            total += ledger.lapse(c, contract, rs.getLong(1), "system");
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("update contract set lapsed_at = now() where id = ?")) {
                    ps.setLong(1, contract);
                    ps.executeUpdate();
                }
                audit.success(Actor.system("quota"), "CONTRACT_LAPSE", "contract:" + contract, "unused quota lapsed");
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QuotaService.Contract contractByCode(Connection c, String code) throws SQLException {
        String sql = "select id, code, name, starts_on, ends_on, unit_price, lapsed_at is not null from contract"
                + (code == null || code.isBlank()
                        ? " where starts_on <= ? and ends_on >= ? order by starts_on desc limit 1"
                        : " where code = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (code == null || code.isBlank()) {
                ps.setObject(1, QuotaSettings.today());
                ps.setObject(2, QuotaSettings.today());
            } else {
                ps.setString(1, code.strip());
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw QuotaException.invalid(
                            "ORDER_CONTRACT_UNKNOWN",
                            "找不到共契" + (code == null ? "（今天沒有有效的共契）" : "「" + code + "」") + "。",
                            "No such contract" + (code == null ? " (none is in force today)" : " \"" + code + "\"")
                                    + ".");
                }
                return QuotaService.contract(rs);
            }
        }
    }

    private static String agencyName(Connection c, long agencyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select name from agency where id = ?")) {
            ps.setLong(1, agencyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw QuotaException.invalid("ORDER_AGENCY_UNKNOWN", "找不到此機關。", "No such agency.");
                }
                return rs.getString(1);
            }
        }
    }

    private void requireAdministrator(Actor actor, String action) {
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, action, null, "role " + actor.roleName());
            throw AccountException.notPermitted("只有數位部或系統管理者可以執行。", "Only MODA or system administrators may do this.");
        }
    }

    private void requireQuotaManager(Actor actor, long agencyId, String action) {
        boolean admin = actor.has(Role.MODA_ADMIN) || actor.has(Role.SYSTEM_ADMIN);
        boolean groupAdmin = actor.has(Role.GROUP_ADMIN)
                && actor.hasPermission(Permission.QUOTA)
                && actor.agency() != null
                && actor.agency().value() == agencyId;
        if (!admin && !groupAdmin) {
            audit.refused(actor, action, "agency:" + agencyId, "role " + actor.roleName());
            throw AccountException.notPermitted(
                    "只有具「管理額度」權限的群組管理者或管理者可以執行。",
                    "Only group administrators with the quota permission, or administrators, may do this.");
        }
    }

    static String ledgerActor(Actor actor) {
        return switch (actor.kind()) {
            case USER -> "account:" + actor.accountId();
            case API_CLIENT -> "client:" + actor.accountId();
            case SYSTEM -> "system";
        };
    }
}
