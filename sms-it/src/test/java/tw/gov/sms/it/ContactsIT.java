package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contacts and groups through the real platform (R3.1, issue 8 item 4): a group is built by typing and by a
 * file, all or nothing, without duplicates; it is searched, exported and sent to through the API; and it stays
 * inside its account group: another group's administrator cannot see, change or send to it, a member without
 * the contacts permission can send to it but not change it, administrators read it.
 */
@ExtendWith(ArquillianExtension.class)
class ContactsIT {

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    private static final long RUN = System.nanoTime() % 1_000_000;
    private static long demoAgency;

    @BeforeAll
    static void ids() throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select agency_id from account_group where name = '示範群組'")) {
            assertThat(rs.next()).as("the dev profile's demo group").isTrue();
            demoAgency = rs.getLong(1);
        }
    }

    @Test
    void aGroupIsBuiltAllOrNothingWithoutDuplicatesAndSentTo() throws Exception {
        String gadmin = People.token("demo-gadmin");
        long group = create(gadmin, "里長名單 " + RUN);
        Platform.Reply taken = Platform.postJson("/api/v1/contact-groups", gadmin, "{\"name\":\"里長名單 " + RUN + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("code")).isEqualTo("CONTACT_GROUP_NAME_TAKEN");

        String a = number(1);
        String b = number(2);
        String c = number(3);
        String d = number(4);
        // Typed: a number twice, and one written with spaces, is stored once.
        JsonObject added =
                add(gadmin, group, "[\"" + a + "\",{\"number\":\"" + spaced(b) + "\",\"name\":\"王小明\"},\"" + a + "\"]");
        assertThat(added.getInt("added")).isEqualTo(2);
        assertThat(added.getInt("duplicates")).isEqualTo(1);

        // One wrong number refuses the whole list, with where and why in both languages; nothing is written.
        Platform.Reply wrong = Platform.postJson(
                "/api/v1/contact-groups/" + group + "/members", gadmin, "{\"contacts\":[\"" + c + "\",\"12345\"]}");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().getString("code")).isEqualTo("CONTACTS_INVALID");
        assertThat(wrong.body()).contains("第 2 筆").contains("entry 2");
        assertThat(members(gadmin, group).getInt("total")).isEqualTo(2);

        // A file: the phone column, the name column, and other columns as placeholder values.
        String csv = "手機號碼,姓名,金額\n" + b + ",王小明,100\n" + c + ",李大華,200\n" + d + ",陳美玲,300\n";
        JsonObject imported = importCsv(gadmin, group, csv);
        assertThat(imported.getInt("added")).isEqualTo(2);
        assertThat(imported.getInt("duplicates")).isEqualTo(1);
        assertThat(imported.getInt("members")).isEqualTo(4);

        Platform.Reply badFile = Platform.postMultipart(
                "/api/v1/contact-groups/" + group + "/import",
                gadmin,
                Map.of(),
                "bad.csv",
                ("手機號碼,姓名\n" + number(5) + ",甲\n0800123456,乙\n").getBytes(StandardCharsets.UTF_8));
        assertThat(badFile.status()).as(badFile.body()).isEqualTo(400);
        assertThat(badFile.body()).contains("第 3 列").contains("line 3");
        assertThat(members(gadmin, group).getInt("total"))
                .as("nothing of a refused file")
                .isEqualTo(4);

        // Search by number, shown masked; the values came with it.
        JsonObject found = Platform.get("/api/v1/contact-groups/" + group + "/members?number=" + d, gadmin)
                .json();
        assertThat(found.getInt("total")).isEqualTo(1);
        JsonObject member = found.getJsonArray("items").getJsonObject(0);
        assertThat(member.getString("number")).isEqualTo(d.substring(0, 4) + "***" + d.substring(7));
        assertThat(member.getString("name")).isEqualTo("陳美玲");
        assertThat(member.getJsonObject("values").getString("金額")).isEqualTo("300");
        assertThat(Platform.get("/api/v1/contact-groups/" + group + "/members", gadmin)
                        .body())
                .as("full numbers never leave in a listing")
                .doesNotContain(d);

        // Export: full numbers, audited.
        String exported = new String(
                Platform.download("/api/v1/contact-groups/" + group + "/export?format=csv", gadmin)
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(exported).contains("手機號碼").contains(a).contains(d + "\",\"陳美玲\",\"300\"");
        byte[] xlsx = Platform.download("/api/v1/contact-groups/" + group + "/export?format=xlsx", gadmin)
                .body();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(a);
        }
        assertThat(count("select count(*) from audit_event where action = 'CONTACT_EXPORT' and target = 'contact-group:"
                        + group + "'"))
                .isEqualTo(2);

        // Sent to by a member of the account group (demo-user: send, no contacts permission), with the name as
        // a placeholder; a number also typed goes once.
        String user = People.token("demo-user");
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                user,
                "{\"groups\":[" + group + "],\"recipients\":[\"" + a + "\"],\"text\":\"聯絡人群組測試，您好。\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().getInt("accepted")).isEqualTo(4);
        assertThat(sent.json().getJsonArray("duplicates").size()).isEqualTo(1);
        long job = sent.json().getJsonNumber("jobId").longValue();

        // The names fill the {姓名} placeholder: a template naming it is accepted for every named member.
        long named = create(gadmin, "具名 " + RUN);
        importCsv(gadmin, named, "手機號碼,姓名\n" + b + ",王小明\n" + c + ",李大華\n");
        Platform.Reply personal =
                Platform.postJson("/api/v1/messages", user, "{\"groups\":[" + named + "],\"text\":\"{姓名}您好，這是群組測試。\"}");
        assertThat(personal.status()).as(personal.body()).isEqualTo(202);
        assertThat(personal.json().getInt("accepted")).isEqualTo(2);

        JsonObject done = Platform.awaitJob(user, job, "COMPLETED", Duration.ofSeconds(90));
        assertThat(done.getJsonObject("messagesByState").getInt("DELIVERED"))
                .as(done.toString())
                .isEqualTo(4);
    }

    @Test
    void aGroupStaysInsideItsAccountGroup() throws Exception {
        String gadmin = People.token("demo-gadmin");
        String user = People.token("demo-user");
        String moda = People.token("moda-admin");
        long group = create(gadmin, "內部 " + RUN);
        add(gadmin, group, "[\"" + number(20) + "\"]");

        long otherGroup = Platform.postJson(
                        "/api/v1/agencies/" + demoAgency + "/groups",
                        moda,
                        "{\"name\":\"通訊錄第二群組 " + System.nanoTime() + "\"}")
                .json()
                .getJsonNumber("id")
                .longValue();
        String ga2Name = "cga" + System.nanoTime();
        SecurityIT.createAccount(moda, ga2Name, "GROUP_ADMIN", otherGroup, "[\"send\",\"view\",\"contacts\"]", null);
        String ga2 = SecurityIT.firstLogin(ga2Name, People.email(ga2Name));

        // Another account group's administrator: not listed, not found, cannot change or send to it.
        assertThat(ids(Platform.get("/api/v1/contact-groups", ga2).json())).doesNotContain(group);
        assertThat(Platform.get("/api/v1/contact-groups/" + group, ga2).status())
                .isEqualTo(404);
        assertThat(Platform.postJson(
                                "/api/v1/contact-groups/" + group + "/members",
                                ga2,
                                "{\"contacts\":[\"" + number(21) + "\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(Platform.download("/api/v1/contact-groups/" + group + "/export", ga2)
                        .statusCode())
                .isEqualTo(404);
        Platform.Reply foreignSend =
                Platform.postJson("/api/v1/messages", ga2, "{\"groups\":[" + group + "],\"text\":\"不應送出\"}");
        assertThat(foreignSend.status()).isEqualTo(404);
        long ga2Group = create(ga2, "第二群組自己的 " + RUN);
        assertThat(ids(Platform.get("/api/v1/contact-groups", gadmin).json())).doesNotContain(ga2Group);

        // A member without the contacts permission sees and sends, but cannot change.
        JsonObject listed =
                Platform.get("/api/v1/contact-groups/" + group, user).json();
        assertThat(listed.getBoolean("manageable")).isFalse();
        assertThat(Platform.postJson(
                                "/api/v1/contact-groups/" + group + "/members",
                                user,
                                "{\"contacts\":[\"" + number(22) + "\"]}")
                        .status())
                .isEqualTo(403);
        assertThat(Platform.call("DELETE", "/api/v1/contact-groups/" + group, user, null)
                        .status())
                .isEqualTo(403);
        assertThat(count("select count(*) from audit_event where action = 'CONTACT_ADD' and outcome = 'DENIED'"
                        + " and target = 'contact-group:" + group + "'"))
                .isGreaterThanOrEqualTo(1);

        // MODA administrators read every group but manage none; the agency's API client may send to it.
        assertThat(ids(Platform.get("/api/v1/contact-groups", moda).json())).contains(group, ga2Group);
        assertThat(Platform.postJson(
                                "/api/v1/contact-groups/" + group + "/members",
                                moda,
                                "{\"contacts\":[\"" + number(23) + "\"]}")
                        .status())
                .isEqualTo(403);
        assertThat(Platform.postJson("/api/v1/messages", moda, "{\"groups\":[" + group + "],\"text\":\"不應送出\"}")
                        .status())
                .as("reading every group is not sending to it")
                .isIn(403, 404);
        Platform.Reply client = Platform.postJson(
                "/api/v1/messages", Platform.demoToken(), "{\"groups\":[" + group + "],\"text\":\"系統發送群組測試\"}");
        assertThat(client.status()).as(client.body()).isEqualTo(202);
        assertThat(client.json().getInt("accepted")).isEqualTo(1);

        // Deleted: gone for everyone.
        assertThat(Platform.call("DELETE", "/api/v1/contact-groups/" + group, gadmin, null)
                        .status())
                .isEqualTo(204);
        assertThat(Platform.get("/api/v1/contact-groups/" + group, gadmin).status())
                .isEqualTo(404);
        assertThat(count("select count(*) from contact where contact_group_id = " + group))
                .isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String number(int i) {
        return "0955" + String.format("%06d", (RUN * 100 + i) % 1_000_000);
    }

    private static String spaced(String n) {
        return n.substring(0, 4) + " " + n.substring(4, 7) + " " + n.substring(7);
    }

    private static long create(String token, String name) {
        Platform.Reply r = Platform.postJson("/api/v1/contact-groups", token, "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().getBoolean("manageable")).isTrue();
        return r.json().getJsonNumber("id").longValue();
    }

    private static JsonObject add(String token, long group, String contacts) {
        Platform.Reply r = Platform.postJson(
                "/api/v1/contact-groups/" + group + "/members", token, "{\"contacts\":" + contacts + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject importCsv(String token, long group, String csv) {
        Platform.Reply r = Platform.postMultipart(
                "/api/v1/contact-groups/" + group + "/import",
                token,
                Map.of(),
                "contacts.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject members(String token, long group) {
        return Platform.get("/api/v1/contact-groups/" + group + "/members", token)
                .json();
    }

    private static List<Long> ids(JsonObject list) {
        JsonArray items = list.getJsonArray("items");
        return items.stream()
                .map(JsonValue::asJsonObject)
                .map(o -> o.getJsonNumber("id").longValue())
                .toList();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
