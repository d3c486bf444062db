package tw.gov.sms.contact.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.files.FileLimits;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.files.FileRejectedException;
import tw.gov.sms.files.FileRow;
import tw.gov.sms.files.RecipientFileReader;
import tw.gov.sms.files.RecipientFiles;
import tw.gov.sms.files.SpreadsheetSafe;
import tw.gov.sms.sending.application.RecipientInput;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.Severity;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * Contact groups and their members (R3.1); see the package documentation for who may do what. Every read
 * filters in SQL by {@link #sight}; every change checks {@link #manageable} and is audited.
 */
@Stateless
public class ContactService {

    /** Header words (case-insensitive) whose column is a contact's name rather than a placeholder value. */
    static final Set<String> NAME_HEADERS = Set.of("姓名", "名稱", "name");

    /** A group as listed. */
    public record GroupView(
            long id,
            long agencyId,
            String agencyName,
            long groupId,
            String groupName,
            String name,
            String description,
            int members,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            boolean manageable)
            implements java.io.Serializable {}

    /** A member as listed: the number masked, the name and values in clear. */
    public record ContactView(
            long id, String masked, String name, Map<String, String> values, OffsetDateTime addedAt) {}

    /** One contact to add. */
    public record ContactInput(String number, String name, Map<String, String> values) {
        public ContactInput {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /** What an add or import did: how many were new, how many were already there or repeated. */
    public record AddResult(int added, int duplicates, int members) {}

    /** A page of members. */
    public record MemberPage(List<ContactView> items, long total) {}

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Resource
    jakarta.ejb.SessionContext context;

    @Inject
    FieldCipher cipher;

    @Inject
    NumberHasher hasher;

    @Inject
    Audit audit;

    @Inject
    tw.gov.sms.sending.application.SendRules rules;

    @Inject
    @ConfigProperty(name = "sms.contacts.max-members", defaultValue = "100000")
    int maxMembers;

    // ---- groups ----------------------------------------------------------------------------------

    /** The groups within the actor's sight, by name. */
    public List<GroupView> groups(Actor actor) {
        List<Object> args = new ArrayList<>();
        String sql = SELECT_GROUP + " where true" + sight(actor, args) + " order by g.name, g.id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<GroupView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(group(rs, actor));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public GroupView group(Actor actor, long id) {
        try (Connection c = dataSource.getConnection()) {
            return visible(c, actor, id, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a group owned by the actor's account group. */
    public GroupView create(Actor actor, String name, String description) {
        if (!mayManage(actor)) {
            audit.refused(actor, "CONTACT_GROUP_CREATE", null, name);
            throw notPermitted();
        }
        String cleanName = name(name);
        String cleanDescription = description(description);
        try (Connection c = dataSource.getConnection()) {
            checkNameFree(c, actor.groupId(), cleanName, null);
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into contact_group (agency_id, group_id, name, description, created_by)"
                            + " values (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, actor.agencyValue());
                ps.setLong(2, actor.groupId());
                ps.setString(3, cleanName);
                ps.setString(4, cleanDescription);
                ps.setLong(5, actor.accountId());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            audit.success(actor, "CONTACT_GROUP_CREATE", "contact-group:" + id, cleanName);
            return visible(c, actor, id, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public GroupView update(Actor actor, long id, String name, String description) {
        String cleanName = name(name);
        String cleanDescription = description(description);
        try (Connection c = dataSource.getConnection()) {
            GroupView group = managed(c, actor, id, "CONTACT_GROUP_UPDATE");
            checkNameFree(c, group.groupId(), cleanName, id);
            try (PreparedStatement ps = c.prepareStatement(
                    "update contact_group set name = ?, description = ?, updated_at = now() where id = ?")) {
                ps.setString(1, cleanName);
                ps.setString(2, cleanDescription);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            audit.success(actor, "CONTACT_GROUP_UPDATE", "contact-group:" + id, group.name() + " -> " + cleanName);
            return visible(c, actor, id, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a group and its members (sent jobs keep their own copies of the numbers). */
    public void delete(Actor actor, long id) {
        try (Connection c = dataSource.getConnection()) {
            GroupView group = managed(c, actor, id, "CONTACT_GROUP_DELETE");
            try (PreparedStatement ps = c.prepareStatement("delete from contact_group where id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            audit.success(
                    actor,
                    "CONTACT_GROUP_DELETE",
                    "contact-group:" + id,
                    group.name() + " (" + group.members() + " members)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- members ---------------------------------------------------------------------------------

    /**
     * A page of members, newest first; {@code number}, when given, finds that number exactly (any way of
     * writing it the parser accepts).
     */
    public MemberPage members(Actor actor, long groupId, String number, int offset, int limit) {
        try (Connection c = dataSource.getConnection()) {
            visible(c, actor, groupId, false);
            byte[] hash = null;
            if (number != null && !number.isBlank()) {
                NumberParseResult parsed = MsisdnParser.parse(number.strip(), "number");
                if (!parsed.ok()) {
                    return new MemberPage(List.of(), 0);
                }
                hash = hasher.hash(parsed.msisdn().national());
            }
            String where = " where contact_group_id = ?" + (hash == null ? "" : " and msisdn_hash = ?");
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from contact" + where)) {
                ps.setLong(1, groupId);
                if (hash != null) {
                    ps.setBytes(2, hash);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ContactView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, masked, data_cipher, created_at from contact"
                    + where + " order by id desc offset ? limit ?")) {
                int i = 1;
                ps.setLong(i++, groupId);
                if (hash != null) {
                    ps.setBytes(i++, hash);
                }
                ps.setInt(i++, Math.max(0, offset));
                ps.setInt(i, Math.max(1, Math.min(limit, 500)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Data data = data(rs.getBytes(3));
                        items.add(new ContactView(
                                rs.getLong(1),
                                rs.getString(2),
                                data.name(),
                                data.values(),
                                rs.getObject(4, OffsetDateTime.class)));
                    }
                }
            }
            return new MemberPage(items, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds contacts, all or nothing: an invalid number refuses the whole list (every problem listed with its
     * 1-based position) and writes nothing. Numbers already in the group or repeated are skipped and counted.
     */
    public AddResult add(Actor actor, long groupId, List<ContactInput> contacts) {
        if (contacts.isEmpty()) {
            throw AccountException.invalid("CONTACTS_EMPTY", "沒有要加入的聯絡人。", "There are no contacts to add.");
        }
        List<Parsed> parsed = new ArrayList<>(contacts.size());
        List<AccountException.Detail> problems = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            ContactInput in = contacts.get(i);
            String where = "contacts[" + i + "]";
            NumberParseResult r =
                    MsisdnParser.parse(in.number() == null ? "" : in.number().strip(), where);
            if (!r.ok()) {
                problems.add(detail(r.problem(), "第 " + (i + 1) + " 筆", "entry " + (i + 1)));
                continue;
            }
            String name =
                    in.name() == null || in.name().isBlank() ? null : in.name().strip();
            if (name != null && name.length() > 100) {
                problems.add(new AccountException.Detail(
                        "CONTACT_NAME_TOO_LONG",
                        "第 " + (i + 1) + " 筆：姓名超過 100 個字元。",
                        "Entry " + (i + 1) + ": the name is longer than 100 characters."));
                continue;
            }
            parsed.add(new Parsed(r.msisdn().national(), r.msisdn().masked(), name, in.values()));
        }
        if (!problems.isEmpty()) {
            throw refusedList(problems);
        }
        return store(actor, groupId, parsed, "CONTACT_ADD", contacts.size() + " given");
    }

    /**
     * Imports a recipients file (the formats and safety checks of recipient uploads, {@code docs/file-formats.md}):
     * the phone column, a name column ({@code 姓名}, {@code 名稱} or {@code name}) and any other column as
     * placeholder values. All or nothing, like {@link #add}.
     */
    public AddResult importFile(Actor actor, long groupId, Path file, String originalName) {
        try (Connection c = dataSource.getConnection()) {
            managed(c, actor, groupId, "CONTACT_IMPORT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Parsed> parsed = new ArrayList<>();
        List<AccountException.Detail> problems = new ArrayList<>();
        FileLimits d = FileLimits.defaults();
        // No more rows than a group may hold (plus one, to tell "too many"): a huge file is refused as it is
        // read, not after millions of contacts were parsed and encrypted.
        FileLimits limits = new FileLimits(
                d.maxFileBytes(),
                d.maxUncompressedBytes(),
                d.maxCompressionRatio(),
                d.maxZipEntries(),
                Math.min(d.maxRows(), maxMembers + 1L),
                d.maxColumns(),
                d.maxCellChars());
        try (RecipientFileReader reader = RecipientFiles.open(file, originalName, limits)) {
            FileRow row;
            while ((row = reader.next()) != null) {
                String at = (row.entry() == null ? "" : row.entry() + " ") + "第 " + row.line() + " 列";
                String atEn = (row.entry() == null ? "" : row.entry() + " ") + "line " + row.line();
                for (FileProblem p : row.problems()) {
                    if (p.problem().severity() == Severity.ERROR) {
                        problems.add(detail(p.problem(), at, atEn));
                    }
                }
                NumberParseResult r = MsisdnParser.parse(row.phone(), "phone");
                if (!r.ok()) {
                    problems.add(detail(r.problem(), at, atEn));
                    continue;
                }
                String name = null;
                Map<String, String> values = new LinkedHashMap<>();
                for (Map.Entry<String, String> cell : row.values().entrySet()) {
                    if (name == null && NAME_HEADERS.contains(cell.getKey().toLowerCase(java.util.Locale.ROOT))) {
                        name = cell.getValue().isBlank()
                                ? null
                                : cell.getValue().strip();
                    } else {
                        values.put(cell.getKey(), cell.getValue());
                    }
                }
                parsed.add(new Parsed(r.msisdn().national(), r.msisdn().masked(), name, values));
                if (problems.size() >= 100) {
                    break;
                }
            }
        } catch (FileRejectedException e) {
            e.problems()
                    .forEach(p -> problems.add(detail(
                            p.problem(),
                            p.line() == null ? "檔案" : "第 " + p.line() + " 列",
                            p.line() == null ? "file" : "line " + p.line())));
        }
        if (!problems.isEmpty()) {
            throw refusedList(problems);
        }
        if (parsed.isEmpty()) {
            throw AccountException.invalid("CONTACTS_EMPTY", "檔案中沒有聯絡人。", "The file holds no contacts.");
        }
        return store(actor, groupId, parsed, "CONTACT_IMPORT", originalName);
    }

    public void remove(Actor actor, long groupId, long contactId) {
        try (Connection c = dataSource.getConnection()) {
            managed(c, actor, groupId, "CONTACT_REMOVE");
            String masked;
            try (PreparedStatement ps =
                    c.prepareStatement("delete from contact where id = ? and contact_group_id = ? returning masked")) {
                ps.setLong(1, contactId);
                ps.setLong(2, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw AccountException.notFound("聯絡人", "contact");
                    }
                    masked = rs.getString(1);
                }
            }
            recount(c, groupId);
            audit.success(actor, "CONTACT_REMOVE", "contact-group:" + groupId, masked);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the group with full numbers as CSV (UTF-8 with BOM, Excel opens it) or xlsx: 手機號碼, 姓名, then every
     * value column. Audited; cells that look like formulas are neutralised.
     */
    public void export(Actor actor, long groupId, String format, OutputStream out) {
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        if (!xlsx && !"csv".equalsIgnoreCase(format)) {
            throw AccountException.invalid(
                    "EXPORT_FORMAT_UNKNOWN",
                    "匯出格式須為 csv 或 xlsx，不是「" + format + "」。",
                    "The export format must be csv or xlsx, not '" + format + "'.");
        }
        try (Connection c = dataSource.getConnection()) {
            GroupView group = managed(c, actor, groupId, "CONTACT_EXPORT");
            if (!actor.hasPermission(Permission.EXPORT)) {
                // Full numbers leave the platform: the same permission as every other export.
                audit.refused(actor, "CONTACT_EXPORT", "contact-group:" + groupId, "no export permission");
                throw AccountException.notPermitted(
                        "匯出聯絡人需要 export 權限。", "Exporting contacts needs the export permission.");
            }
            List<String[]> rows = new ArrayList<>();
            Set<String> columns = new LinkedHashSet<>();
            List<Member> members = members(c, groupId);
            members.forEach(m -> columns.addAll(m.data().values().keySet()));
            List<String> header = new ArrayList<>(List.of("手機號碼", "姓名"));
            header.addAll(columns);
            rows.add(header.toArray(String[]::new));
            for (Member m : members) {
                String[] row = new String[header.size()];
                row[0] = m.number();
                row[1] = m.data().name() == null ? "" : m.data().name();
                int i = 2;
                for (String col : columns) {
                    row[i++] = m.data().values().getOrDefault(col, "");
                }
                rows.add(row);
            }
            if (xlsx) {
                writeXlsx(group.name(), rows, out);
            } else {
                writeCsv(rows, out);
            }
            audit.success(
                    actor,
                    "CONTACT_EXPORT",
                    "contact-group:" + groupId,
                    format.toLowerCase(java.util.Locale.ROOT) + ", " + members.size() + " contacts");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The members of the named groups as recipients of a send, in group order then insertion order, with the
     * name as placeholders {@code 姓名} and {@code name} (unless the contact has its own value of that name).
     * Needs the {@code send} permission and sight of every group; a number in two groups comes twice and the
     * submission service counts it as a duplicate.
     */
    public List<RecipientInput> recipients(Actor actor, List<Long> groupIds) {
        if (!actor.hasPermission(Permission.SEND)) {
            throw notPermitted();
        }
        List<RecipientInput> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            long total = 0;
            for (Long id : new LinkedHashSet<>(groupIds)) {
                GroupView g = visible(c, actor, id, false);
                if (!sendable(actor, g)) {
                    // Administrators read every agency's groups; a send uses only the sender's own.
                    audit.refused(actor, "CONTACT_SEND", "contact-group:" + id, "another agency's or group's contacts");
                    throw AccountException.notFound("聯絡人群組", "contact group");
                }
                total += g.members();
            }
            // Refused before anything is decrypted: the submission would refuse it anyway.
            if (total > rules.maxRecipients()) {
                Problem p = rules.checkRecipientCount(total, "groups").get(0);
                throw new AccountException(422, p.code().name(), p.messageZh(), p.messageEn());
            }
            for (Long id : new LinkedHashSet<>(groupIds)) {
                for (Member m : members(c, id)) {
                    Map<String, String> values = new LinkedHashMap<>(m.data().values());
                    if (m.data().name() != null) {
                        values.putIfAbsent("姓名", m.data().name());
                        values.putIfAbsent("name", m.data().name());
                    }
                    out.add(new RecipientInput(m.number(), values));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // ---- rules -----------------------------------------------------------------------------------

    /**
     * Sight of contact groups: administrators see all; persons their account group's (a contact book is shared
     * by the account group, not private to its creator); API clients their agency's.
     */
    static String sight(Actor actor, List<Object> args) {
        if (actor.seesAllAgencies()) {
            return "";
        }
        if (actor.isUser()) {
            args.add(actor.agencyValue());
            args.add(actor.groupId());
            return " and g.agency_id = ? and g.group_id = ?";
        }
        args.add(actor.agencyValue());
        return " and g.agency_id = ?";
    }

    /** The groups the actor may send to: their own account group's (an API client: its agency's). */
    public List<GroupView> sendableGroups(Actor actor) {
        return groups(actor).stream().filter(g -> sendable(actor, g)).toList();
    }

    /** Sending uses one's own contacts only, whatever one may read. */
    static boolean sendable(Actor actor, GroupView g) {
        if (actor.agency() == null || g.agencyId() != actor.agencyValue()) {
            return false;
        }
        return !actor.isUser() || actor.groupId() != null && g.groupId() == actor.groupId();
    }

    /** Whether the actor may manage contact groups of their own account group. */
    static boolean mayManage(Actor actor) {
        return actor.isUser()
                && actor.agency() != null
                && actor.groupId() != null
                && (actor.has(Role.GROUP_ADMIN) || actor.hasPermission(Permission.CONTACTS));
    }

    static boolean manageable(Actor actor, long agencyId, long groupId) {
        return mayManage(actor) && actor.agencyValue() == agencyId && actor.groupId() == groupId;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private record Parsed(String number, String masked, String name, Map<String, String> values) {}

    private record Data(String name, Map<String, String> values) {}

    private record Member(String number, Data data) {}

    private static final String SELECT_GROUP = "select g.id, g.agency_id, a.display_name, g.group_id, ag.name,"
            + " g.name, g.description, g.member_count, g.created_at, g.updated_at"
            + " from contact_group g join agency a on a.id = g.agency_id join account_group ag on ag.id = g.group_id";

    private static GroupView group(ResultSet rs, Actor actor) throws SQLException {
        return new GroupView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class),
                manageable(actor, rs.getLong(2), rs.getLong(4)));
    }

    private GroupView visible(Connection c, Actor actor, long id, boolean lock) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(id);
        String sql = SELECT_GROUP + " where g.id = ?" + sight(actor, args) + (lock ? " for update of g" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw AccountException.notFound("聯絡人群組", "contact group");
                }
                return group(rs, actor);
            }
        }
    }

    private GroupView managed(Connection c, Actor actor, long id, String action) throws SQLException {
        GroupView group = visible(c, actor, id, true);
        if (!group.manageable()) {
            audit.refused(actor, action, "contact-group:" + id, null);
            throw notPermitted();
        }
        return group;
    }

    private AddResult store(Actor actor, long groupId, List<Parsed> contacts, String action, String detail) {
        try (Connection c = dataSource.getConnection()) {
            GroupView group =
                    managed(c, actor, groupId, action); // locks the group row until commit: one writer at a time
            long distinct = contacts.stream().map(Parsed::number).distinct().count();
            if (distinct > maxMembers) {
                throw full(actor, group, distinct);
            }
            Set<String> seen = new HashSet<>();
            int repeated = 0;
            short keyVersion = (short) cipher.activeVersion();
            try (PreparedStatement ps = c.prepareStatement("insert into contact (contact_group_id, msisdn_hash,"
                    + " msisdn_cipher, masked, data_cipher, key_version) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (contact_group_id, msisdn_hash) do nothing")) {
                int batched = 0;
                for (Parsed p : contacts) {
                    if (!seen.add(p.number())) {
                        repeated++;
                        continue;
                    }
                    ps.setLong(1, groupId);
                    ps.setBytes(2, hasher.hash(p.number()));
                    ps.setBytes(3, cipher.encrypt(p.number(), Purpose.MSISDN));
                    ps.setString(4, p.masked());
                    if (p.name() == null && p.values().isEmpty()) {
                        ps.setNull(5, Types.BINARY);
                    } else {
                        ps.setBytes(5, cipher.encrypt(json(p.name(), p.values()), Purpose.CONTACT_DATA));
                    }
                    ps.setShort(6, keyVersion);
                    ps.addBatch();
                    if (++batched % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            // Batch update counts are no guide here (a rewritten batch answers "no info" for every row, skipped
            // or not): the group's count before (its row is locked) and after says how many were new.
            int members = recount(c, groupId);
            int inserted = members - group.members();
            if (members > maxMembers) {
                context.setRollbackOnly(); // nothing of this request stays
                throw full(actor, group, members);
            }

            int duplicates = repeated + (seen.size() - inserted);
            audit.success(
                    actor,
                    action,
                    "contact-group:" + groupId,
                    detail + ": " + inserted + " added, " + duplicates + " duplicates");
            return new AddResult(inserted, duplicates, members);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private AccountException full(Actor actor, GroupView group, long wouldHave) {
        audit.refused(actor, "CONTACT_GROUP_FULL", "contact-group:" + group.id(), wouldHave + " > " + maxMembers);
        return AccountException.invalid(
                "CONTACT_GROUP_FULL",
                "群組「" + group.name() + "」最多 " + maxMembers + " 位聯絡人，加入後將有 " + wouldHave + " 位；未加入任何聯絡人。",
                "Group '" + group.name() + "' holds at most " + maxMembers + " contacts; this would make " + wouldHave
                        + ". Nothing was added.");
    }

    private static int recount(Connection c, long groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update contact_group set member_count ="
                + " (select count(*) from contact where contact_group_id = ?), updated_at = now()"
                + " where id = ? returning member_count")) {
            ps.setLong(1, groupId);
            ps.setLong(2, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<Member> members(Connection c, long groupId) throws SQLException {
        List<Member> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select msisdn_cipher, data_cipher from contact where contact_group_id = ? order by id")) {
            ps.setLong(1, groupId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(cipher.decrypt(rs.getBytes(1), Purpose.MSISDN), data(rs.getBytes(2))));
                }
            }
        }
        return out;
    }

    private Data data(byte[] stored) {
        if (stored == null) {
            return new Data(null, Map.of());
        }
        JsonObject o = Json.createReader(new StringReader(cipher.decrypt(stored, Purpose.CONTACT_DATA)))
                .readObject();
        Map<String, String> values = new LinkedHashMap<>();
        JsonObject v = o.getJsonObject("values");
        if (v != null) {
            v.forEach((k, x) -> values.put(k, x instanceof JsonString s ? s.getString() : x.toString()));
        }
        return new Data(o.containsKey("name") && !o.isNull("name") ? o.getString("name") : null, values);
    }

    private static String json(String name, Map<String, String> values) {
        JsonObjectBuilder v = Json.createObjectBuilder();
        values.forEach(v::add);
        JsonObjectBuilder o = Json.createObjectBuilder().add("values", v);
        if (name != null) {
            o.add("name", name);
        }
        return o.build().toString();
    }

    private static void checkNameFree(Connection c, long group, String name, Long except) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select 1 from contact_group where group_id = ? and name = ? and id <> ?")) {
            ps.setLong(1, group);
            ps.setString(2, name);
            ps.setLong(3, except == null ? -1 : except);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new AccountException(
                            409,
                            "CONTACT_GROUP_NAME_TAKEN",
                            "已有名為「" + name + "」的聯絡人群組。",
                            "A contact group named '" + name + "' already exists.");
                }
            }
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw AccountException.invalid("CONTACT_GROUP_NAME_MISSING", "請輸入群組名稱。", "Give the group a name.");
        }
        String n = name.strip();
        if (n.length() > 100) {
            throw AccountException.invalid(
                    "CONTACT_GROUP_NAME_TOO_LONG",
                    "群組名稱最多 100 個字元（目前 " + n.length() + " 個）。",
                    "A group name has at most 100 characters (this one has " + n.length() + ").");
        }
        return n;
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String d = description.strip();
        if (d.length() > 300) {
            throw AccountException.invalid(
                    "CONTACT_GROUP_DESCRIPTION_TOO_LONG",
                    "群組說明最多 300 個字元（目前 " + d.length() + " 個）。",
                    "A group description has at most 300 characters (this one has " + d.length() + ").");
        }
        return d;
    }

    private static AccountException.Detail detail(Problem p, String whereZh, String whereEn) {
        return new AccountException.Detail(
                p.code().name(), whereZh + "：" + p.messageZh(), whereEn + ": " + p.messageEn());
    }

    private static AccountException refusedList(List<AccountException.Detail> problems) {
        return new AccountException(
                400,
                "CONTACTS_INVALID",
                problems.size() + " 筆有誤，未加入任何聯絡人；請修正後重新送出。",
                problems.size() + " entries are wrong; nothing was added. Correct them and try again.",
                List.copyOf(problems.subList(0, Math.min(problems.size(), 100))));
    }

    private static AccountException notPermitted() {
        return AccountException.notPermitted(
                "管理聯絡人需要 contacts 權限，且只能管理自己帳號群組的聯絡人群組。",
                "Managing contacts needs the contacts permission, and only for your own account group's groups.");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static void writeCsv(List<String[]> rows, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String v = SpreadsheetSafe.cell(row[i]);
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
            sb.append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeXlsx(String sheetName, List<String[]> rows, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet sheet = wb.createSheet(org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(sheetName));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                String[] values = rows.get(r);
                for (int i = 0; i < values.length; i++) {
                    row.createCell(i).setCellValue(values[i]); // text cells: a leading 0 stays, nothing is a formula
                }
            }
            wb.write(out);
            wb.dispose();
        }
    }
}
