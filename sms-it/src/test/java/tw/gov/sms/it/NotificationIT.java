package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job status notifications through the whole platform (R4, issue 8 item 6): a person's job, sent and delivered by the
 * simulated carriers, is notified ACCEPTED, STARTED and FINISHED exactly once each (several scans later still once),
 * the notices are listed by {@code GET /api/v1/notifications}, and the FINISHED mail, bilingual with the counts and
 * the job's link, arrives once in the real mail catcher while the default preferences mail nothing for ACCEPTED.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationIT {

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        java.io.File ear = new java.io.File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @Test
    void aPersonsJobIsNotifiedAtEachStageOnceAndTheFinishedMailArrives() throws Exception {
        String user = "demo-user";
        String token = People.token(user);
        resetPreferences(user);
        List<String> numbers = numbers(2);
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[\"" + numbers.get(0) + "\",\"" + numbers.get(1) + "\"],\"text\":\"通知測試：工作進度。\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long job = sent.json().getJsonNumber("jobId").longValue();

        Platform.awaitJob(token, job, "COMPLETED", Duration.ofSeconds(120));
        awaitStages(job, List.of("ACCEPTED", "FINISHED", "STARTED"), Duration.ofSeconds(60));
        Thread.sleep(12_000); // at least two more scans (sms.notify.scan-seconds, 5 s)
        assertThat(stages(job))
                .as("each stage exactly once, whatever the number of scans")
                .containsExactly("ACCEPTED", "FINISHED", "STARTED");

        JsonObject list = Platform.get("/api/v1/notifications?limit=200", token).json();
        List<String> listed = new ArrayList<>();
        for (JsonObject item : list.getJsonArray("items").getValuesAs(JsonObject.class)) {
            if (item.containsKey("jobId") && item.getJsonNumber("jobId").longValue() == job) {
                listed.add(item.getString("stage"));
                if (item.getString("stage").equals("FINISHED")) {
                    assertThat(item.getInt("delivered")).isEqualTo(2);
                    assertThat(item.getString("titleZh")).isEqualTo("發送工作 #" + job + " 已完成");
                    assertThat(item.getString("titleEn")).isEqualTo("Send job #" + job + " finished");
                }
            }
        }
        assertThat(listed).as("newest first").containsExactly("FINISHED", "STARTED", "ACCEPTED");
        assertThat(list.getInt("unread")).isGreaterThanOrEqualTo(3);

        String address = People.email(user);
        MailInbox.Mail mail =
                MailInbox.awaitOne(address, m -> m.subject().contains("發送工作 #" + job + " 已完成"), Duration.ofSeconds(60));
        assertThat(mail.subject()).contains("Send job #" + job + " finished");
        assertThat(mail.text()).contains("收訊人共 2 位，成功 2 則，失敗 0 則，逾時未送達 0 則");
        assertThat(mail.text()).contains("2 recipients, 2 delivered, 0 failed, 0 expired");
        assertThat(mail.text()).contains("/portal/app/jobs.xhtml?id=" + job);
        assertThat(mail.text().indexOf("已完成")).isLessThan(mail.text().indexOf("finished"));
        assertThat(mailState(job, "FINISHED")).isEqualTo("SENT");
        assertThat(mailState(job, "ACCEPTED")).as("not mailed by default").isEqualTo("NONE");
        assertThat(MailInbox.to(address).stream()
                        .filter(m -> m.subject().contains("#" + job + " "))
                        .count())
                .as("only the FINISHED stage is mailed by default")
                .isEqualTo(1);

        Platform.Reply read = Platform.postJson("/api/v1/notifications/read", token, "{}");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(Platform.get("/api/v1/notifications", token).json().getInt("unread"))
                .isZero();
    }

    @Test
    void anAgencySystemsJobNotifiesNoPerson() throws Exception {
        String token = Platform.demoToken();
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages", token, "{\"recipients\":[\"" + numbers(1).get(0) + "\"],\"text\":\"通知測試：系統。\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long job = sent.json().getJsonNumber("jobId").longValue();
        Platform.awaitJob(token, job, "COMPLETED", Duration.ofSeconds(120));
        Thread.sleep(12_000);
        assertThat(stages(job)).isEmpty();
    }

    /** The defaults again, in case another run changed the demo user's preferences. */
    private static void resetPreferences(String username) throws Exception {
        try (Connection c = Platform.db()) {
            for (String table : List.of("notification_preference", "notification_setting")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table
                        + " where account_id = (select id from account where lower(username) = lower(?))")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
            }
        }
    }

    private static void awaitStages(long job, List<String> expected, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<String> seen = stages(job);
        while (!seen.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            seen = stages(job);
        }
        assertThat(seen).as("notifications of job %d", job).isEqualTo(expected);
    }

    private static List<String> stages(long job) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = Platform.db();
                PreparedStatement ps =
                        c.prepareStatement("select stage from notification where job_id = ? order by stage, id")) {
            ps.setLong(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String mailState(long job, String stage) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String state = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = Platform.db();
                    PreparedStatement ps =
                            c.prepareStatement("select mail_state from notification where job_id = ? and stage = ?")) {
                ps.setLong(1, job);
                ps.setString(2, stage);
                try (ResultSet rs = ps.executeQuery()) {
                    state = rs.next() ? rs.getString(1) : null;
                }
            }
            if (!"PENDING".equals(state) && !"SENDING".equals(state)) {
                return state;
            }
            Thread.sleep(500);
        }
        return state;
    }

    private static List<String> numbers(int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String number =
                    "0912" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (!out.contains(number)) {
                out.add(number);
            }
        }
        return out;
    }
}
