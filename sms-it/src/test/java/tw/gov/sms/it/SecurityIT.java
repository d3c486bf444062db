package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tw.gov.sms.identity.Base32;
import tw.gov.sms.identity.OneTimeCodes;
import tw.gov.sms.identity.Totp;

/**
 * Accounts, roles and the security baseline (issue 6) through the real API of a real platform: logins
 * with a password and a code read from the real SMTP catcher, lockout, password rules and history,
 * reset links, TOTP with replay refused, SMS codes through the carrier simulator from the test sender,
 * visibility per role, the IP allow-list, API client secrets and signing keys, and the audit chain.
 * Requests "from elsewhere" carry {@code X-Forwarded-For}, which the test platform trusts from loopback
 * exactly as production trusts its load balancer.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    private static final String OUTSIDE = "203.0.113.7";
    private static final String STRONG = "Strong-pass-2026";

    private static long demoGroup;
    private static long demoAgency;

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @BeforeAll
    static void ids() throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, agency_id from account_group where name = '示範群組'")) {
            assertThat(rs.next()).as("the dev profile's demo group").isTrue();
            demoGroup = rs.getLong(1);
            demoAgency = rs.getLong(2);
        }
    }

    // ---- login ---------------------------------------------------------------------------------

    @Test
    void logsInWithPasswordAndMailedCodeAndRefusesAWrongCode() throws Exception {
        String address = People.email("demo-user");
        long before = People.newestMailId(address);
        Platform.Reply step = People.passwordStep("demo-user", People.DEMO_PASSWORD);
        assertThat(step.status()).as(step.body()).isEqualTo(200);
        assertThat(step.json().getString("sentTo")).isEqualTo("d***@demo.sms.gov.tw");
        String code = People.mailedCode(address, before);

        Platform.Reply wrong =
                People.verify(step.json().getString("challenge"), code.equals("000000") ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().getString("code")).isEqualTo("SECOND_FACTOR_FAILED");

        Platform.Reply ok = People.verify(step.json().getString("challenge"), code);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().getString("role")).isEqualTo("USER");
        assertThat(ok.json().getBoolean("passwordChangeRequired")).isFalse();
        // A challenge is used once.
        assertThat(People.verify(step.json().getString("challenge"), code)
                        .json()
                        .getString("code"))
                .isEqualTo("LOGIN_CHALLENGE_EXPIRED");

        JsonArray mine = Platform.get("/api/v1/accounts", ok.json().getString("access_token"))
                .json()
                .getJsonArray("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.getJsonObject(0).getString("username")).isEqualTo("demo-user");

        long again = People.newestMailId(address);
        Platform.Reply other = People.passwordStep("demo-user", People.DEMO_PASSWORD);
        String otherCode = People.mailedCode(address, again);
        assertThat(People.verify(other.json().getString("challenge"), otherCode, "X-Forwarded-For", OUTSIDE)
                        .json()
                        .getString("code"))
                .as("the second factor from another address than the password")
                .isEqualTo("LOGIN_CHALLENGE_EXPIRED");

        Platform.Reply unknown = People.passwordStep("nobody-" + System.nanoTime(), "whatever-Pass-1");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().getString("code")).isEqualTo("LOGIN_FAILED");
    }

    @Test
    void newAccountChangesItsPasswordFirstAndLocksAfterFiveFailures() throws Exception {
        String admin = People.token("admin");
        String name = "u" + System.nanoTime();
        long id = createAccount(admin, name, "USER", demoGroup, "[\"send\",\"view\"]", null);
        String initial = People.initialPassword(People.email(name));
        // The system administrators are told about every new account (R6.2).
        MailInbox.awaitOne(
                People.email("admin"),
                m -> m.subject().contains("新帳號通知") && m.text().contains(name),
                Duration.ofSeconds(20));

        JsonObject first = People.login(name, initial, People.email(name));
        assertThat(first.getBoolean("passwordChangeRequired")).isTrue();
        String restricted = first.getString("access_token");
        Platform.Reply beforeChange = Platform.get("/api/v1/accounts", restricted);
        assertThat(beforeChange.status())
                .as(
                        "%s with token %s",
                        beforeChange.body(),
                        new String(Base64.getUrlDecoder().decode(restricted.split("\\.")[1]), StandardCharsets.UTF_8))
                .isEqualTo(403);
        Platform.Reply weak = changePassword(restricted, initial, "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(codes(weak)).contains("PASSWORD_TOO_SHORT");
        Platform.Reply same = changePassword(restricted, initial, initial);
        assertThat(codes(same)).contains("PASSWORD_REUSED");
        Platform.Reply changed = changePassword(restricted, initial, STRONG);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().getBoolean("passwordChangeRequired")).isFalse();
        assertThat(Platform.get("/api/v1/accounts", changed.json().getString("access_token"))
                        .status())
                .isEqualTo(200);

        // No reuse of the last three: the initial one is still among them after two more changes.
        String token = changed.json().getString("access_token");
        token = changePassword(token, STRONG, STRONG + "a").json().getString("access_token");
        Platform.Reply reuse = changePassword(token, STRONG + "a", initial);
        assertThat(codes(reuse)).contains("PASSWORD_REUSED");
        Platform.Reply reuseCurrent = changePassword(token, STRONG + "a", STRONG);
        assertThat(codes(reuseCurrent)).contains("PASSWORD_REUSED");

        for (int i = 1; i <= 4; i++) {
            Platform.Reply r = People.passwordStep(name, "Wrong-pass-" + i);
            assertThat(r.json().getString("code")).as("attempt " + i).isEqualTo("LOGIN_FAILED");
        }
        Platform.Reply fifth = People.passwordStep(name, "Wrong-pass-5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.json().getString("code")).isEqualTo("ACCOUNT_LOCKED");
        Platform.Reply right = People.passwordStep(name, STRONG + "a");
        assertThat(right.status()).as("the right password while locked").isEqualTo(423);
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select locked_until from account where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant until = rs.getTimestamp(1).toInstant();
                assertThat(Duration.between(Instant.now(), until))
                        .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
            }
        }
        // Fifteen minutes later (moved back in the database rather than waited for), the login works.
        sql("update account set locked_until = now() - interval '1 second' where id = " + id);
        assertThat(People.login(name, STRONG + "a", People.email(name)).getBoolean("passwordChangeRequired"))
                .isFalse();
        assertThat(auditActions(name)).contains("LOGIN_FAILED", "LOGIN", "PASSWORD_CHANGE");
    }

    @Test
    void resetLinksWorkOnceAndExpire() throws Exception {
        String admin = People.token("admin");
        String name = "r" + System.nanoTime();
        createAccount(admin, name, "USER", demoGroup, "[\"view\"]", null);
        String address = People.email(name);
        People.initialPassword(address);

        long before = People.newestMailId(address);
        assertThat(Platform.postJson("/api/v1/session/reset", null, "{\"username\":\"" + name + "\"}")
                        .status())
                .isEqualTo(202);
        String token = People.resetToken(address, before);
        Platform.Reply done = Platform.postJson(
                "/api/v1/session/reset/complete",
                null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + STRONG + "\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        Platform.Reply again = Platform.postJson(
                "/api/v1/session/reset/complete",
                null,
                "{\"token\":\"" + token + "\",\"newPassword\":\"" + STRONG + "x\"}");
        assertThat(again.json().getString("code")).isEqualTo("RESET_LINK_USED");
        JsonObject session = People.login(name, STRONG, address);
        assertThat(session.getBoolean("passwordChangeRequired")).isFalse();
        Platform.Reply send = Platform.postJson(
                "/api/v1/messages",
                session.getString("access_token"),
                "{\"recipients\":[\"0912000111\"],\"text\":\"x\"}");
        assertThat(send.status())
                .as("an account with only the view permission sending")
                .isEqualTo(403);

        before = People.newestMailId(address);
        Platform.postJson("/api/v1/session/reset", null, "{\"username\":\"" + name + "\"}");
        String stale = People.resetToken(address, before);
        sql("update login_challenge set expires_at = now() - interval '1 second' where id_hash = '"
                + OneTimeCodes.sha256Hex(stale) + "'");
        Platform.Reply expired = Platform.postJson(
                "/api/v1/session/reset/complete",
                null,
                "{\"token\":\"" + stale + "\",\"newPassword\":\"" + STRONG + "y\"}");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().getString("code")).isEqualTo("RESET_LINK_EXPIRED");

        // An unknown name gets the same answer, and no mail.
        assertThat(Platform.postJson(
                                "/api/v1/session/reset", null, "{\"username\":\"ghost-" + System.nanoTime() + "\"}")
                        .status())
                .isEqualTo(202);
    }

    @Test
    void totpCodesAreAcceptedOnceAndRecoveryCodesOnce() throws Exception {
        String admin = People.token("admin");
        String name = "t" + System.nanoTime();
        createAccount(admin, name, "USER", demoGroup, "[\"view\"]", null);
        String address = People.email(name);
        String token = firstLogin(name, address);

        JsonObject enrol =
                Platform.postJson("/api/v1/session/totp", token, "{}").json();
        assertThat(enrol.getString("otpauthUri"))
                .startsWith("otpauth://totp/")
                .contains("secret=" + enrol.getString("secret"));
        assertThat(enrol.getString("qrCode")).startsWith("data:image/svg+xml;base64,");
        byte[] secret = Base32.decode(enrol.getString("secret"));
        long step = Totp.DEFAULT.timeStep(Instant.now());
        Platform.Reply confirmed = Platform.postJson(
                "/api/v1/session/totp/confirm", token, "{\"code\":\"" + Totp.DEFAULT.code(secret, step) + "\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> recovery = confirmed.json().getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        assertThat(recovery).hasSize(10);

        assertThat(Platform.postJson("/api/v1/session/totp", token, "{}").json().getString("code"))
                .as("a second enrolment while the first is in use")
                .isEqualTo("TOTP_ALREADY_ENROLLED");

        // The enrolment used this step's code: the same code again is a replay, even in a new login.
        Platform.Reply step1 = People.passwordStep(name, STRONG);
        assertThat(step1.json().getString("secondFactor")).isEqualTo("TOTP");
        Platform.Reply replay = People.verify(step1.json().getString("challenge"), Totp.DEFAULT.code(secret, step));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().getString("code")).isEqualTo("SECOND_FACTOR_FAILED");
        Platform.Reply next = People.verify(step1.json().getString("challenge"), Totp.DEFAULT.code(secret, step + 1));
        assertThat(next.status()).as(next.body()).isEqualTo(200);

        Platform.Reply step2 = People.passwordStep(name, STRONG);
        assertThat(People.verify(step2.json().getString("challenge"), Totp.DEFAULT.code(secret, step + 1))
                        .status())
                .as("the code of the step just used")
                .isEqualTo(401);
        assertThat(People.verify(step2.json().getString("challenge"), recovery.get(0))
                        .status())
                .isEqualTo(200);
        Platform.Reply step3 = People.passwordStep(name, STRONG);
        assertThat(People.verify(step3.json().getString("challenge"), recovery.get(0))
                        .status())
                .as("a recovery code used twice")
                .isEqualTo(401);
        assertThat(People.verify(step3.json().getString("challenge"), recovery.get(1))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void smsCodesComeFromTheTestSenderNever111() throws Exception {
        String admin = People.token("admin");
        String name = "s" + System.nanoTime();
        String mobile = "0937" + String.format("%06d", System.nanoTime() % 1_000_000);
        createAccount(admin, name, "USER", demoGroup, "[\"view\"]", mobile);
        String token = firstLogin(name, People.email(name));
        assertThat(Platform.call("PUT", "/api/v1/session/mfa", token, "{\"kind\":\"SMS\"}")
                        .status())
                .isEqualTo(204);

        Platform.Reply step = People.passwordStep(name, STRONG);
        assertThat(step.json().getString("secondFactor")).isEqualTo("SMS");
        assertThat(step.json().getString("sentTo")).isEqualTo(mobile.substring(0, 4) + "***" + mobile.substring(7));
        JsonObject sms = awaitSms(mobile);
        assertThat(sms.getString("sourceAddr")).isEqualTo("SMSTEST").isNotEqualTo("111");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("驗證碼 (\\d{6})").matcher(sms.getString("text"));
        assertThat(m.find()).as(sms.getString("text")).isTrue();
        assertThat(People.verify(step.json().getString("challenge"), m.group(1)).status())
                .isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyNamesIsRefusedForAWhile() throws Exception {
        String guesser = "198.18." + (System.nanoTime() % 250 + 1) + "." + (System.nanoTime() % 250 + 1);
        int limit = 60; // SMS_ACCOUNT_MAX_FAILURES_PER_ADDRESS of the test platform (./sms)
        for (int i = 0; i < limit; i++) {
            assertThat(People.passwordStep("guess" + i, "Guess-pass-" + i, "X-Forwarded-For", guesser)
                            .json()
                            .getString("code"))
                    .isEqualTo("LOGIN_FAILED");
        }
        Platform.Reply refused = People.passwordStep("demo-user", People.DEMO_PASSWORD, "X-Forwarded-For", guesser);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().getString("code")).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(People.passwordStep("nobody-" + System.nanoTime(), "Wrong-pass-1")
                        .json()
                        .getString("code"))
                .as("other addresses are not affected")
                .isEqualTo("LOGIN_FAILED");
    }

    @Test
    void aPasswordOlderThanTheMaximumAgeMustBeChangedFirst() throws Exception {
        String admin = People.token("admin");
        String name = "a" + System.nanoTime();
        long id = createAccount(admin, name, "USER", demoGroup, "[\"view\"]", null);
        String token = firstLogin(name, People.email(name));
        assertThat(Platform.get("/api/v1/accounts", token).status()).isEqualTo(200);
        sql("update account set password_changed_at = now() - interval '91 days' where id = " + id);
        JsonObject session = People.login(name, STRONG, People.email(name));
        assertThat(session.getBoolean("passwordChangeRequired")).isTrue();
        assertThat(Platform.get("/api/v1/accounts", session.getString("access_token"))
                        .json()
                        .getString("code"))
                .isEqualTo("PASSWORD_CHANGE_REQUIRED");
        Platform.Reply changed = changePassword(session.getString("access_token"), STRONG, STRONG + "-new");
        assertThat(changed.json().getBoolean("passwordChangeRequired")).isFalse();
    }

    @Test
    void idleAccountsAreDisabledAtTheirNextLogin() throws Exception {
        String admin = People.token("admin");
        String name = "i" + System.nanoTime();
        long id = createAccount(admin, name, "USER", demoGroup, "[\"view\"]", null);
        String initial = People.initialPassword(People.email(name));
        sql("update account set last_active_at = now() - interval '91 days' where id = " + id);
        Platform.Reply r = People.passwordStep(name, initial);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().getString("code")).isEqualTo("ACCOUNT_IDLE_DISABLED");
        assertThat(Platform.get("/api/v1/accounts/" + id, admin).json().getString("status"))
                .isEqualTo("DISABLED");
        assertThat(People.passwordStep(name, initial).json().getString("code")).isEqualTo("LOGIN_FAILED");
    }

    // ---- roles and visibility --------------------------------------------------------------------

    @Test
    void everyRoleSeesAndChangesOnlyWhatItMay() throws Exception {
        String admin = People.token("admin");
        String moda = People.token("moda-admin");
        String groupAdmin = People.token("demo-gadmin");
        String user = People.token("demo-user");

        // A second group of the same agency, with its own group administrator and user.
        long otherGroup = Platform.postJson(
                        "/api/v1/agencies/" + demoAgency + "/groups",
                        moda,
                        "{\"name\":\"第二群組 " + System.nanoTime() + "\"}")
                .json()
                .getJsonNumber("id")
                .longValue();
        String ga2Name = "ga" + System.nanoTime();
        createAccount(moda, ga2Name, "GROUP_ADMIN", otherGroup, "[\"send\",\"view\",\"export\"]", null);
        String ga2 = firstLogin(ga2Name, People.email(ga2Name));
        String peerName = "p" + System.nanoTime();
        long peer = createAccount(groupAdmin, peerName, "USER", null, "[\"send\",\"view\"]", null);
        String peerToken = firstLogin(peerName, People.email(peerName));

        // demo-user sends; the job is theirs.
        Platform.Reply sent =
                Platform.postJson("/api/v1/messages", user, "{\"recipients\":[\"0912000111\"],\"text\":\"帳號權限測試\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long job = sent.json().getJsonNumber("jobId").longValue();
        assertThat(Platform.get("/api/v1/jobs/" + job, user).status()).isEqualTo(200);
        assertThat(Platform.get("/api/v1/jobs/" + job, groupAdmin).status())
                .as("own group's administrator")
                .isEqualTo(200);
        assertThat(Platform.get("/api/v1/jobs/" + job, moda).status()).isEqualTo(200);
        assertThat(Platform.get("/api/v1/jobs/" + job, admin).status()).isEqualTo(200);
        assertThat(Platform.get("/api/v1/jobs/" + job, Platform.demoToken()).status())
                .as("the agency's system")
                .isEqualTo(200);
        assertThat(Platform.get("/api/v1/jobs/" + job, peerToken).status())
                .as("another user of the group")
                .isEqualTo(404);
        assertThat(Platform.get("/api/v1/jobs/" + job, ga2).status())
                .as("another group's administrator")
                .isEqualTo(404);
        assertThat(Platform.get("/api/v1/jobs/" + job + "/messages", peerToken).status())
                .isEqualTo(404);
        assertThat(Platform.postJson("/api/v1/jobs/" + job + "/cancel", ga2, "{}")
                        .status())
                .isEqualTo(404);

        // Accounts: who is listed, who may change whom.
        long demoUser = idOf(admin, "demo-user");
        assertThat(usernames(user)).containsExactly("demo-user");
        assertThat(usernames(groupAdmin))
                .contains("demo-user", "demo-gadmin", peerName)
                .doesNotContain(ga2Name, "admin");
        assertThat(usernames(ga2)).contains(ga2Name).doesNotContain("demo-user");
        assertThat(usernames(moda)).contains("demo-user", ga2Name, "admin");
        assertThat(Platform.get("/api/v1/accounts/" + demoUser, ga2).status()).isEqualTo(404);
        assertThat(Platform.call(
                                "PUT",
                                "/api/v1/accounts/" + demoUser + "/permissions",
                                ga2,
                                "{\"permissions\":[\"export\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(Platform.call(
                                "PUT",
                                "/api/v1/accounts/" + peer + "/permissions",
                                user,
                                "{\"permissions\":[\"export\"]}")
                        .status())
                .as("a user changing a peer")
                .isEqualTo(404);
        Platform.Reply granted = Platform.call(
                "PUT",
                "/api/v1/accounts/" + peer + "/permissions",
                groupAdmin,
                "{\"permissions\":[\"send\",\"view\",\"export\"]}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().getJsonArray("permissions").toString()).contains("export");
        assertThat(Platform.postJson(
                                "/api/v1/accounts",
                                user,
                                account("x" + System.nanoTime(), "USER", demoGroup, "[]", null))
                        .status())
                .isEqualTo(403);
        assertThat(Platform.postJson(
                                "/api/v1/accounts",
                                groupAdmin,
                                account("y" + System.nanoTime(), "GROUP_ADMIN", demoGroup, "[]", null))
                        .status())
                .as("a group administrator creating a group administrator")
                .isEqualTo(403);
        assertThat(Platform.postJson(
                                "/api/v1/accounts",
                                groupAdmin,
                                account("z" + System.nanoTime(), "USER", otherGroup, "[]", null))
                        .status())
                .as("a group administrator creating into another group")
                .isEqualTo(403);
        assertThat(Platform.postJson(
                                "/api/v1/accounts",
                                moda,
                                account("w" + System.nanoTime(), "SYSTEM_ADMIN", null, "[]", null))
                        .status())
                .as("a MODA administrator creating a system administrator")
                .isEqualTo(403);
        assertThat(Platform.postJson(
                                "/api/v1/agencies",
                                groupAdmin,
                                "{\"code\":\"NOPE\",\"name\":\"x\",\"displayName\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(Platform.get("/api/v1/accounts", Platform.demoToken()).status())
                .as("an API client")
                .isEqualTo(403);

        Platform.Reply scheduled = Platform.postJson(
                "/api/v1/messages",
                peerToken,
                "{\"recipients\":[\"0912000111\"],\"text\":\"x\",\"scheduleAt\":\""
                        + java.time.OffsetDateTime.now().plusDays(1) + "\"}");
        assertThat(scheduled.status())
                .as("scheduling without the schedule permission")
                .isEqualTo(403);
        assertThat(Platform.download("/api/v1/audit/export", user).statusCode())
                .as("exporting without the export permission")
                .isEqualTo(403);

        // Disable, enable, delete: a disabled account cannot log in.
        assertThat(Platform.postJson("/api/v1/accounts/" + peer + "/disable", groupAdmin, "{\"reason\":\"離職\"}")
                        .status())
                .isEqualTo(200);
        assertThat(People.passwordStep(peerName, STRONG).json().getString("code"))
                .isEqualTo("LOGIN_FAILED");
        assertThat(Platform.get("/api/v1/accounts/" + peer, peerToken).json().getString("code"))
                .as("the token of a disabled account")
                .isEqualTo("CREDENTIAL_REVOKED");
        assertThat(Platform.postJson("/api/v1/accounts/" + peer + "/enable", groupAdmin, "{}")
                        .status())
                .isEqualTo(200);
        assertThat(Platform.call("PATCH", "/api/v1/accounts/" + peer, groupAdmin, "{\"displayName\":\"改名\"}")
                        .json()
                        .getString("displayName"))
                .isEqualTo("改名");
        assertThat(Platform.call("DELETE", "/api/v1/accounts/" + peer, ga2, null)
                        .status())
                .isEqualTo(404);
        assertThat(Platform.call("DELETE", "/api/v1/accounts/" + peer, groupAdmin, null)
                        .status())
                .isEqualTo(204);
        assertThat(People.passwordStep(peerName, STRONG).json().getString("code"))
                .isEqualTo("LOGIN_FAILED");

        // The audit trail, within each role's sight.
        Set<String> ownActors = actorsIn(Platform.get("/api/v1/audit?limit=500", user));
        assertThat(ownActors).containsOnly("demo-user");
        assertThat(actorsIn(Platform.get("/api/v1/audit?limit=1000", ga2))).doesNotContain("demo-user", "demo-gadmin");
        assertThat(actorsIn(Platform.get("/api/v1/audit?limit=1000", moda))).contains("demo-user", ga2Name);
        assertThat(Platform.get("/api/v1/audit", Platform.demoToken()).status()).isEqualTo(403);
        assertThat(Platform.get("/api/v1/audit/verify", moda).status())
                .as("verification is for system administrators")
                .isEqualTo(403);
        var export = Platform.download("/api/v1/audit/export?action=ACCOUNT_DELETE", admin);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(new String(export.body(), StandardCharsets.UTF_8)).contains("ACCOUNT_DELETE", "account:" + peer);
    }

    // ---- account inventory -------------------------------------------------------------------------

    @Test
    void accountsNotConfirmedInTheInventoryAreDisabledAtTheDeadline() throws Exception {
        String moda = People.token("moda-admin");
        String groupAdmin = People.token("demo-gadmin");
        String user = People.token("demo-user");
        String keepName = "k" + System.nanoTime();
        String dropName = "d" + System.nanoTime();
        String forgetName = "f" + System.nanoTime();
        long keep = createAccount(groupAdmin, keepName, "USER", null, "[\"view\"]", null);
        long drop = createAccount(groupAdmin, dropName, "USER", null, "[\"view\"]", null);
        long forget = createAccount(groupAdmin, forgetName, "USER", null, "[\"view\"]", null);
        String forgetPassword = People.initialPassword(People.email(forgetName));

        String deadline = Instant.now().plus(Duration.ofDays(14)).toString();
        assertThat(Platform.postJson("/api/v1/inventory", groupAdmin, "{\"deadline\":\"" + deadline + "\"}")
                        .status())
                .as("a group administrator opening an inventory")
                .isEqualTo(403);
        Platform.Reply started = Platform.postJson("/api/v1/inventory", moda, "{\"deadline\":\"" + deadline + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        long campaign = started.json().getJsonNumber("id").longValue();
        MailInbox.awaitOne(
                People.email("demo-gadmin"),
                m -> m.subject().contains("帳號盤點") && m.text().contains("盤點編號 " + campaign + "）"),
                Duration.ofSeconds(20));

        JsonArray mine =
                Platform.get("/api/v1/inventory/" + campaign, groupAdmin).json().getJsonArray("items");
        List<String> listed = mine.getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("username"))
                .toList();
        assertThat(listed).contains(keepName, dropName, forgetName, "demo-user").doesNotContain("demo-gadmin", "admin");
        assertThat(Platform.get("/api/v1/inventory/" + campaign, user).status()).isEqualTo(403);

        assertThat(Platform.postJson(item(campaign, keep, "confirm"), groupAdmin, "{}")
                        .json()
                        .getString("decision"))
                .isEqualTo("CONFIRMED");
        assertThat(Platform.postJson(item(campaign, keep, "confirm"), groupAdmin, "{}")
                        .status())
                .isEqualTo(409);
        assertThat(Platform.postJson(item(campaign, drop, "revoke"), groupAdmin, "{}")
                        .json()
                        .getString("decision"))
                .isEqualTo("REVOKED");
        assertThat(Platform.get("/api/v1/accounts/" + drop, groupAdmin).json().getString("status"))
                .isEqualTo("DISABLED");
        assertThat(Platform.postJson(item(campaign, keep, "confirm"), user, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(Platform.postJson("/api/v1/inventory/" + campaign + "/close", moda, "{}")
                        .json()
                        .getString("code"))
                .as("closing before the deadline")
                .isEqualTo("INVENTORY_NOT_DUE");

        // Everyone else is vouched for by MODA, except the one account nobody confirms.
        for (JsonObject o : Platform.get("/api/v1/inventory/" + campaign, moda)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            long account = o.getJsonNumber("accountId").longValue();
            if (o.getString("decision").equals("PENDING") && account != forget) {
                assertThat(Platform.postJson(item(campaign, account, "confirm"), moda, "{}")
                                .status())
                        .isEqualTo(200);
            }
        }
        sql("update inventory_campaign set deadline = now() - interval '1 second' where id = " + campaign);
        JsonObject closed = Platform.postJson("/api/v1/inventory/" + campaign + "/close", moda, "{}")
                .json();
        assertThat(closed.containsKey("closedAt")).as(closed.toString()).isTrue();
        assertThat(closed.getInt("pending")).isZero();
        assertThat(Platform.get("/api/v1/accounts/" + forget, moda).json().getString("status"))
                .isEqualTo("DISABLED");
        assertThat(Platform.get("/api/v1/accounts/" + keep, moda).json().getString("status"))
                .isEqualTo("ACTIVE");
        assertThat(People.passwordStep(forgetName, forgetPassword).json().getString("code"))
                .isEqualTo("LOGIN_FAILED");
        assertThat(People.passwordStep("demo-user", People.DEMO_PASSWORD).status())
                .as("confirmed by MODA")
                .isEqualTo(200);
    }

    private static String item(long campaign, long account, String decision) {
        return "/api/v1/inventory/" + campaign + "/items/" + account + "/" + decision;
    }

    // ---- allow-list ------------------------------------------------------------------------------

    @Test
    void onlyApprovedAddressesGetInAndMODADecides() throws Exception {
        String moda = People.token("moda-admin");
        String groupAdmin = People.token("demo-gadmin");
        String user = People.token("demo-user");
        String outside = "198.51.100." + (System.nanoTime() % 200 + 1);

        Platform.Reply token = Platform.postForm(
                "/api/v1/oauth/token",
                "grant_type",
                "client_credentials",
                "client_id",
                "demo-client",
                "client_secret",
                "demo-secret");
        assertThat(token.status()).isEqualTo(200);
        String client = token.json().getString("access_token");
        assertThat(Platform.call("GET", "/api/v1/jobs/1", client, null, "X-Forwarded-For", outside)
                        .json()
                        .getString("code"))
                .isEqualTo("SOURCE_NOT_ALLOWED");
        assertThat(Platform.call("GET", "/api/v1/accounts", user, null, "X-Forwarded-For", outside)
                        .status())
                .isEqualTo(403);
        assertThat(People.passwordStep("demo-user", People.DEMO_PASSWORD, "X-Forwarded-For", outside)
                        .json()
                        .getString("code"))
                .isEqualTo("SOURCE_NOT_ALLOWED");
        assertThat(People.passwordStep("admin", People.DEMO_PASSWORD, "X-Forwarded-For", outside)
                        .json()
                        .getString("code"))
                .as("system administrators only from the administrative networks")
                .isEqualTo("SOURCE_NOT_ALLOWED");

        // Bad requests are refused with the reason.
        assertThat(requestEntry(groupAdmin, "not-an-address").json().getString("code"))
                .isEqualTo("IP_RANGE_INVALID");
        assertThat(requestEntry(groupAdmin, "198.51.100.9/24").json().getString("code"))
                .isEqualTo("IP_RANGE_HOST_BITS");
        assertThat(requestEntry(groupAdmin, "0.0.0.0/0").json().getString("code"))
                .isEqualTo("IP_RANGE_TOO_WIDE");
        assertThat(requestEntry(user, outside).status()).as("a user requesting").isEqualTo(403);

        Platform.Reply requested = requestEntry(groupAdmin, outside);
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.json().getString("state")).isEqualTo("REQUESTED");
        long entry = requested.json().getJsonNumber("id").longValue();
        assertThat(requestEntry(groupAdmin, outside).status())
                .as("the same address twice")
                .isEqualTo(409);
        assertThat(Platform.postJson("/api/v1/allowlist/" + entry + "/approve", groupAdmin, "{}")
                        .status())
                .as("a group administrator approving")
                .isEqualTo(403);
        assertThat(Platform.call("GET", "/api/v1/jobs/1", client, null, "X-Forwarded-For", outside)
                        .status())
                .as("requested is not approved")
                .isEqualTo(403);

        Platform.Reply approved =
                Platform.postJson("/api/v1/allowlist/" + entry + "/approve", moda, "{\"note\":\"核准\"}");
        assertThat(approved.json().getString("state")).isEqualTo("APPROVED");
        Platform.Reply now = Platform.call("GET", "/api/v1/jobs/987654321", client, null, "X-Forwarded-For", outside);
        assertThat(now.json().getString("code"))
                .as("past the allow-list, to the (missing) job")
                .isEqualTo("JOB_NOT_FOUND");
        assertThat(People.passwordStep("demo-user", People.DEMO_PASSWORD, "X-Forwarded-For", outside)
                        .status())
                .isEqualTo(200);

        Platform.Reply other = requestEntry(groupAdmin, "192.0.2.0/28");
        Platform.Reply rejected = Platform.postJson(
                "/api/v1/allowlist/" + other.json().getJsonNumber("id") + "/reject", moda, "{\"note\":\"不明位址\"}");
        assertThat(rejected.json().getString("state")).isEqualTo("REJECTED");
        assertThat(Platform.call("GET", "/api/v1/jobs/1", client, null, "X-Forwarded-For", "192.0.2.3")
                        .status())
                .isEqualTo(403);

        Platform.postJson("/api/v1/allowlist/" + entry + "/revoke", moda, "{}");
        assertThat(Platform.call("GET", "/api/v1/jobs/1", client, null, "X-Forwarded-For", outside)
                        .status())
                .isEqualTo(403);

        // Refusals are logged and visible to administrators.
        JsonArray denied = Platform.get("/api/v1/audit?action=ACCESS_DENIED&limit=200", moda)
                .json()
                .getJsonArray("items");
        assertThat(denied.getValuesAs(JsonObject.class).stream().map(e -> e.getString("sourceAddress", "")))
                .contains(outside, "192.0.2.3");
        assertThat(Platform.get("/api/v1/allowlist", user).status()).isEqualTo(403);
        assertThat(Platform.get("/api/v1/allowlist", groupAdmin)
                        .json()
                        .getJsonArray("items")
                        .toString())
                .contains(outside);
    }

    // ---- API clients and signing keys ------------------------------------------------------------

    @Test
    void clientSecretsRotateWithOverlapAndRevokeAtOnce() throws Exception {
        String groupAdmin = People.token("demo-gadmin");
        Platform.Reply created = Platform.postJson(
                "/api/v1/clients", groupAdmin, "{\"name\":\"校務系統\",\"permissions\":[\"send\",\"view\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().getString("clientId");
        String first = created.json().getString("clientSecret");
        long id = created.json().getJsonNumber("id").longValue();
        assertThat(clientToken(clientId, first)).isEqualTo(200);
        assertThat(Platform.get("/api/v1/clients", groupAdmin).body())
                .contains(clientId)
                .doesNotContain(first);
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select secret_hash from api_client_secret where api_client_id = " + id)) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$").doesNotContain(first);
        }

        Platform.Reply rotated =
                Platform.postJson("/api/v1/clients/" + id + "/rotate", groupAdmin, "{\"overlapHours\":1}");
        String second = rotated.json().getString("clientSecret");
        assertThat(clientToken(clientId, first))
                .as("old secret during the overlap")
                .isEqualTo(200);
        assertThat(clientToken(clientId, second)).isEqualTo(200);
        String third = Platform.postJson("/api/v1/clients/" + id + "/rotate", groupAdmin, "{\"overlapHours\":0}")
                .json()
                .getString("clientSecret");
        assertThat(clientToken(clientId, first)).isEqualTo(401);
        assertThat(clientToken(clientId, second)).isEqualTo(401);
        assertThat(clientToken(clientId, third)).isEqualTo(200);

        assertThat(Platform.postJson(
                                "/api/v1/clients",
                                People.token("demo-user"),
                                "{\"name\":\"x\",\"permissions\":[\"send\"]}")
                        .status())
                .isEqualTo(403);
        String issuedBefore = Platform.postForm(
                        "/api/v1/oauth/token",
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        third)
                .json()
                .getString("access_token");
        assertThat(Platform.postJson("/api/v1/clients/" + id + "/revoke", groupAdmin, "{}")
                        .json()
                        .getString("status"))
                .isEqualTo("REVOKED");
        assertThat(Platform.get("/api/v1/jobs/987654321", issuedBefore).json().getString("code"))
                .as("a token issued before the revocation")
                .isEqualTo("CREDENTIAL_REVOKED");
        assertThat(clientToken(clientId, third)).isEqualTo(401);
    }

    @Test
    void tokensOfTheNextSigningKeyAreAcceptedAndOfAnyOtherKeyRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"https://sms.gov.tw/111\",\"sub\":\"demo-client\",\"upn\":\"demo-client\","
                + "\"groups\":[\"send\",\"view\"],\"agency_id\":" + demoAgency + ",\"client_db_id\":1,"
                + "\"iat\":" + now + ",\"exp\":" + (now + 300) + ",\"jti\":\"rotation-" + now + "\"}";
        String next = TestSecrets.signedToken(claims, "SMS_JWT_NEXT_SIGNING_KEY", "k2");
        assertThat(Platform.get("/api/v1/jobs/987654321", next).json().getString("code"))
                .as("signed with the announced next key")
                .isEqualTo("JOB_NOT_FOUND");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String stranger = TestSecrets.sign(claims, g.generateKeyPair().getPrivate(), "k1");
        assertThat(Platform.get("/api/v1/jobs/987654321", stranger).status()).isEqualTo(401);
        String userClaims = claims.replace(
                "\"client_db_id\":1", "\"account_id\":1,\"role\":\"SYSTEM_ADMIN\",\"session_start\":" + now);
        assertThat(Platform.get(
                                "/api/v1/accounts",
                                TestSecrets.sign(userClaims, g.generateKeyPair().getPrivate(), "k2"))
                        .status())
                .as("a self-made administrator token")
                .isEqualTo(401);
    }

    // ---- audit chain -----------------------------------------------------------------------------

    @Test
    void anEditedAuditRowIsFoundByTheChainCheck() throws Exception {
        String admin = People.token("admin");
        JsonObject intact = Platform.get("/api/v1/audit/verify", admin).json();
        assertThat(intact.getBoolean("intact")).as(intact.toString()).isTrue();
        assertThat(intact.getJsonNumber("eventsChecked").longValue()).isPositive();

        long seq;
        String detail;
        try (Connection c = Platform.db();
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("select seq, detail from audit_event where action = 'LOGIN' order by seq limit 1")) {
                rs.next();
                seq = rs.getLong(1);
                detail = rs.getString(2);
            }
            assertThat(tryUpdate(c, seq))
                    .as("a plain UPDATE is refused by the trigger")
                    .isFalse();
            // What someone with the database owner's rights could still do:
            s.execute("alter table audit_event disable trigger user");
            try {
                s.executeUpdate("update audit_event set detail = 'nothing happened' where seq = " + seq);
            } finally {
                s.execute("alter table audit_event enable trigger user");
            }
        }
        try {
            JsonObject broken = Platform.get("/api/v1/audit/verify", admin).json();
            assertThat(broken.getBoolean("intact")).isFalse();
            assertThat(broken.getJsonNumber("firstBrokenSeq").longValue()).isEqualTo(seq);
        } finally {
            try (Connection c = Platform.db();
                    Statement s = c.createStatement()) {
                s.execute("alter table audit_event disable trigger user");
                try (PreparedStatement ps = c.prepareStatement("update audit_event set detail = ? where seq = ?")) {
                    ps.setString(1, detail);
                    ps.setLong(2, seq);
                    ps.executeUpdate();
                } finally {
                    s.execute("alter table audit_event enable trigger user");
                }
            }
        }
        assertThat(Platform.get("/api/v1/audit/verify", admin).json().getBoolean("intact"))
                .isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static boolean tryUpdate(Connection c, long seq) {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("update audit_event set detail = 'x' where seq = " + seq);
            return true;
        } catch (java.sql.SQLException e) {
            assertThat(e.getMessage()).contains("append-only");
            return false;
        }
    }

    static String account(String username, String role, Long group, String permissions, String mobile) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"測試 " + username + "\",\"email\":\""
                + People.email(username) + "\",\"role\":\"" + role + "\""
                + (group == null ? "" : ",\"groupId\":" + group) + ",\"permissions\":" + permissions
                + (mobile == null ? "" : ",\"mobile\":\"" + mobile + "\"") + "}";
    }

    static long createAccount(
            String token, String username, String role, Long group, String permissions, String mobile) {
        Platform.Reply r =
                Platform.postJson("/api/v1/accounts", token, account(username, role, group, permissions, mobile));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getJsonNumber("id").longValue();
    }

    /** First login of a new account: initial password from its mail, then the password change; a full token. */
    static String firstLogin(String username, String address) throws Exception {
        String initial = People.initialPassword(address);
        JsonObject first = People.login(username, initial, address);
        Platform.Reply changed = changePassword(first.getString("access_token"), initial, STRONG);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        return changed.json().getString("access_token");
    }

    static Platform.Reply changePassword(String token, String current, String proposed) {
        return Platform.postJson(
                "/api/v1/session/password",
                token,
                "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + proposed + "\"}");
    }

    private static Platform.Reply requestEntry(String token, String cidr) {
        return Platform.postJson("/api/v1/allowlist", token, "{\"cidr\":\"" + cidr + "\",\"note\":\"測試\"}");
    }

    private static int clientToken(String clientId, String secret) {
        return Platform.postForm(
                        "/api/v1/oauth/token",
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        secret)
                .status();
    }

    private static List<String> codes(Platform.Reply r) {
        if (!r.json().containsKey("problems")) {
            return List.of(r.json().getString("code"));
        }
        return r.json().getJsonArray("problems").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("code"))
                .toList();
    }

    private static List<String> usernames(String token) {
        Platform.Reply r = Platform.get("/api/v1/accounts", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("username"))
                .toList();
    }

    private static long idOf(String adminToken, String username) {
        return Platform.get("/api/v1/accounts", adminToken)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(o -> o.getString("username").equals(username))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("id")
                .longValue();
    }

    private static Set<String> actorsIn(Platform.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("actorName"))
                .collect(Collectors.toSet());
    }

    private static List<String> auditActions(String actorName) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps =
                        c.prepareStatement("select action from audit_event where actor_name = ? order by seq")) {
            ps.setString(1, actorName);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    private static JsonObject awaitSms(String mobile) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonArray received = Platform.get(
                            Platform.SIMULATOR + "/messages?destination=886" + mobile.substring(1), null)
                    .jsonValue()
                    .asJsonArray();
            if (!received.isEmpty()) {
                return received.getJsonObject(received.size() - 1);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no SMS reached the simulator for " + mobile);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
