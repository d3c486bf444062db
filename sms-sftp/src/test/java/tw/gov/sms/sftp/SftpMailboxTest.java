package tw.gov.sms.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.gov.sms.sftp.testing.AgencyClient;
import tw.gov.sms.sftp.testing.OpenSshServer;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/** The platform's side of the SFTP drop against a real OpenSSH server configured as in production. */
class SftpMailboxTest {

    private static final String A = "smsagencya";
    private static final String B = "smsagencyb";

    private static OpenSshServer server;
    private static SftpEndpoint agencyA;
    private static SftpEndpoint agencyB;

    @TempDir
    Path local;

    @BeforeAll
    static void startServer() {
        server = new OpenSshServer(OpenSshServer.fixtureDirectory(SftpMailboxTest.class.getSimpleName()));
        agencyA = server.addAgency(A);
        agencyB = server.addAgency(B);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void emptyTheAgencyFolders() throws IOException {
        for (String user : List.of(A, B)) {
            for (String folder : List.of("inbox", "processed", "rejected", "outbox")) {
                try (Stream<Path> files = Files.walk(server.chroot(user).resolve(folder))) {
                    for (Path p :
                            files.sorted(Comparator.reverseOrder()).skip(0).toList()) {
                        if (!p.equals(server.chroot(user).resolve(folder))) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }

    // --- isolation ---

    @Test
    void eachAgencySeesOnlyItsOwnTree() throws Exception {
        try (AgencyClient a = AgencyClient.connect(agencyA);
                AgencyClient b = AgencyClient.connect(agencyB)) {
            a.put("inbox/a.csv", "0912345678\n");
            b.put("inbox/b.csv", "0987654321\n");

            assertThat(a.ls("/")).containsExactly("inbox", "outbox", "processed", "rejected");
            assertThat(a.ls("/..")).containsExactly("inbox", "outbox", "processed", "rejected");
            assertThat(a.realpath("../../..")).isEqualTo("/");
            assertThat(a.ls("inbox")).containsExactly("a.csv");

            String bInbox = server.chroot(B).resolve("inbox").toString();
            for (String path : List.of(
                    "../" + B + "/inbox/b.csv", "/../" + B + "/inbox/b.csv", bInbox + "/b.csv", "/etc/passwd")) {
                assertThatThrownBy(() -> a.get(path)).as("reading " + path).isInstanceOf(SftpException.class);
            }
            for (String path : List.of("../" + B + "/inbox", bInbox, "/home")) {
                assertThatThrownBy(() -> a.ls(path)).as("listing " + path).isInstanceOf(SftpException.class);
            }
            for (String path : List.of("../" + B + "/inbox/evil.csv", bInbox + "/evil.csv", "/evil.csv")) {
                assertThatThrownBy(() -> a.put(path, "x")).as("writing " + path).isInstanceOf(SftpException.class);
            }
            assertThatThrownBy(() -> a.rename("inbox/a.csv", "../" + B + "/inbox/a.csv"))
                    .isInstanceOf(SftpException.class);
        }
        assertThat(Files.list(server.chroot(B).resolve("inbox"))
                        .map(p -> p.getFileName().toString()))
                .containsExactly("b.csv");
        try (SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            assertThat(mailbox.scan().pendingSubmissions())
                    .extracting(InboxFile::name)
                    .containsExactly("a.csv");
        }
    }

    @Test
    void theMailboxTakesFileNamesNeverPaths() throws Exception {
        try (SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            assertThatThrownBy(() -> mailbox.download("../" + B + "/inbox/b.csv", local.resolve("x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mailbox.moveToProcessed("../outbox/x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mailbox.writeOutbox("../inbox/x.csv", InputStream.nullInputStream()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> mailbox.list("/")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // --- completion convention ---

    @Test
    void aDataFileWithoutManifestIsLeftAloneUntilTheManifestArrives() throws Exception {
        byte[] data = "0912345678,王小明\n".getBytes(StandardCharsets.UTF_8);
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("inbox/bills.csv", data);
            agency.put(
                    "inbox/bills.csv.manifest.part",
                    AgencyClient.manifestFor("bills.csv", data, "x").toBytes());

            Inbox before = mailbox.scan();
            assertThat(before.submissions()).isEmpty();
            assertThat(before.pendingSubmissions()).extracting(InboxFile::name).containsExactly("bills.csv");
            assertThat(before.strays()).isEmpty();

            agency.rename("inbox/bills.csv.manifest.part", "inbox/bills.csv.manifest");
            Inbox after = mailbox.scan();
            assertThat(after.pendingSubmissions()).isEmpty();
            assertThat(after.submissions()).singleElement().satisfies(s -> {
                assertThat(s.isAcceptable()).isTrue();
                assertThat(s.dataName()).isEqualTo("bills.csv");
                assertThat(s.dataFile().size()).isEqualTo(data.length);
            });
        }
    }

    @Test
    void uploadsInProgressAndHiddenFilesAreNotEvenListed() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("inbox/big.csv.part", "0912");
            agency.put("inbox/big.xlsx.filepart", "PK");
            agency.put("inbox/.DS_Store", "x");

            assertThat(mailbox.scan().isEmpty()).isTrue();
        }
    }

    @Test
    void aManifestUploadedLastCompletesTheSubmission() throws Exception {
        byte[] data = "0912345678,王小明,350\n0987654321,李大同,1200\n".getBytes(StandardCharsets.UTF_8);
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            Manifest sent = agency.submit("水費帳單-202611.csv", data, "【{姓名}】您好，本期水費 {金額} 元。");

            Submission s = mailbox.scan().submissions().get(0);

            assertThat(s.isAcceptable()).isTrue();
            assertThat(s.manifest()).isEqualTo(sent);
            assertThat(s.manifestName()).isEqualTo("水費帳單-202611.csv.manifest");
            assertThat(s.manifestSha256()).isEqualTo(AgencyClient.sha256(sent.toBytes()));
            assertThat(s.manifestFile().modified()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        }
    }

    @Test
    void aTruncatedUploadIsReportedBySizeAndAReplacedOneBySha256() throws Exception {
        byte[] data = "0912345678\n0987654321\n".getBytes(StandardCharsets.UTF_8);
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("inbox/short.csv", java.util.Arrays.copyOf(data, 7));
            agency.put(
                    "inbox/short.csv.manifest",
                    AgencyClient.manifestFor("short.csv", data, "x").toBytes());
            byte[] sameSize = "0900000000\n0900000000\n".getBytes(StandardCharsets.UTF_8);
            agency.put("inbox/swapped.csv", sameSize);
            agency.put(
                    "inbox/swapped.csv.manifest",
                    AgencyClient.manifestFor("swapped.csv", data, "x").toBytes());

            Map<String, Submission> byName = byDataName(mailbox.scan());

            Submission truncated = byName.get("short.csv");
            assertThat(truncated.isAcceptable()).isFalse();
            assertThat(truncated.problems()).extracting(Problem::code).containsExactly(ProblemCode.SFTP_SIZE_MISMATCH);
            assertThat(truncated.problems().get(0).messageEn()).contains("declares 22 bytes but the file has 7");
            assertThat(truncated.manifest())
                    .as("kept for the rejection receipt")
                    .isNotNull();

            Submission swapped = byName.get("swapped.csv");
            assertThat(swapped.isAcceptable()).as("the size alone cannot tell").isTrue();
            Download copy = mailbox.download("swapped.csv", local.resolve("swapped.csv"));
            assertThat(copy.verify(swapped.manifest()))
                    .extracting(Problem::code)
                    .containsExactly(ProblemCode.SFTP_SHA256_MISMATCH);
        }
    }

    @Test
    void eachManifestMistakeHasItsOwnCode() throws Exception {
        byte[] data = "0912345678\n".getBytes(StandardCharsets.UTF_8);
        String sha = AgencyClient.sha256(data);
        Map<String, String> manifests = Map.of(
                "no-text.csv", "file = no-text.csv\nsha256 = " + sha + "\nsize = 11\n",
                "typo.csv", "file = typo.csv\nsha256 = " + sha + "\nsize = 11\ntext = x\nshedule = 2026-12-01 09:00\n",
                "bad-time.csv", "file = bad-time.csv\nsha256 = " + sha + "\nsize = 11\ntext = x\nschedule = 明天\n",
                "http.csv", "file = http.csv\nsha256 = " + sha + "\nsize = 11\ntext = x\ncallback = http://a.gov.tw/\n",
                "twice.csv", "file = twice.csv\nsha256 = " + sha + "\nsize = 11\ntext = x\nfile = twice.csv\n");
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            for (Map.Entry<String, String> m : manifests.entrySet()) {
                agency.put("inbox/" + m.getKey(), data);
                agency.put("inbox/" + m.getKey() + ".manifest", m.getValue());
            }

            Map<String, Submission> byName = byDataName(mailbox.scan());

            assertThat(codes(byName.get("no-text.csv"))).containsExactly(ProblemCode.MANIFEST_MISSING_KEY);
            assertThat(codes(byName.get("typo.csv"))).containsExactly(ProblemCode.MANIFEST_UNKNOWN_KEY);
            assertThat(codes(byName.get("bad-time.csv"))).containsExactly(ProblemCode.MANIFEST_BAD_SCHEDULE);
            assertThat(codes(byName.get("http.csv"))).containsExactly(ProblemCode.MANIFEST_CALLBACK_NOT_HTTPS);
            assertThat(codes(byName.get("twice.csv"))).containsExactly(ProblemCode.MANIFEST_DUPLICATE_KEY);
            assertThat(byName.values()).allSatisfy(s -> {
                assertThat(s.manifest()).isNull();
                assertThat(s.manifestSha256()).hasSize(64);
            });
        }
    }

    @Test
    void aManifestWithoutItsDataFileOrOfAnUnsupportedTypeIsRejectedAndOtherFilesAreStrays() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            agency.put(
                    "inbox/gone.csv.manifest",
                    AgencyClient.manifestFor("gone.csv", data, "x").toBytes());
            agency.put("inbox/report.pdf", data);
            agency.put(
                    "inbox/report.pdf.manifest",
                    AgencyClient.manifestFor("report.pdf", data, "x").toBytes());
            agency.put("inbox/readme.docx", data);
            agency.sftp().mkdir("inbox/sub.csv");

            Inbox inbox = mailbox.scan();

            Map<String, Submission> byName = byDataName(inbox);
            assertThat(codes(byName.get("gone.csv"))).containsExactly(ProblemCode.SFTP_DATA_FILE_MISSING);
            assertThat(codes(byName.get("report.pdf"))).containsExactly(ProblemCode.SFTP_UNSUPPORTED_FILE_TYPE);
            assertThat(inbox.strays())
                    .extracting(s -> s.file().name(), s -> s.problem().code())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("readme.docx", ProblemCode.SFTP_UNSUPPORTED_FILE_TYPE),
                            org.assertj.core.groups.Tuple.tuple("sub.csv", ProblemCode.SFTP_NOT_A_REGULAR_FILE));
            assertThat(inbox.pendingSubmissions()).isEmpty();
        }
    }

    @Test
    void aDataFileWaitingTooLongForItsManifestIsOverdue() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("inbox/old.csv", "0912345678\n");
            agency.put("inbox/new.csv", "0912345678\n");
            int dayAndHourAgo = (int) Instant.now().minus(Duration.ofHours(25)).getEpochSecond();
            agency.sftp().setMtime("inbox/old.csv", dayAndHourAgo);

            Inbox inbox = mailbox.scan();

            assertThat(inbox.pendingSubmissions()).extracting(InboxFile::name).containsExactly("old.csv", "new.csv");
            assertThat(inbox.pendingSubmissions().get(0).modified().getEpochSecond())
                    .isEqualTo(dayAndHourAgo);
            List<Stray> overdue = inbox.overdue(Duration.ofHours(24));
            assertThat(overdue).singleElement().satisfies(s -> {
                assertThat(s.file().name()).isEqualTo("old.csv");
                assertThat(s.problem().code()).isEqualTo(ProblemCode.SFTP_MANIFEST_MISSING);
                assertThat(s.problem().messageEn()).contains("old.csv.manifest", "more than 24 hours");
            });
        }
    }

    // --- download, moves, outbox ---

    @Test
    void downloadStreamsTheFileAndComputesItsSha256() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            Manifest manifest = agency.submit("roster.zip", data, "x");

            Download copy = mailbox.download("roster.zip", local.resolve("roster.zip"));

            assertThat(copy.sha256()).isEqualTo(AgencyClient.sha256(data)).isEqualTo(manifest.sha256());
            assertThat(copy.size()).isEqualTo(data.length);
            assertThat(Files.readAllBytes(copy.file())).isEqualTo(data);
            assertThat(copy.verify(manifest)).isEmpty();
        }
    }

    @Test
    void aFailedDownloadLeavesNoLocalFile() throws Exception {
        try (SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            SftpFailure failure = catchThrowableOfType(
                    SftpFailure.class, () -> mailbox.download("missing.csv", local.resolve("missing.csv")));

            assertThat(failure.kind()).isEqualTo(SftpFailure.Kind.NOT_FOUND);
            assertThat(local.resolve("missing.csv")).doesNotExist();
        }
    }

    @Test
    void fileNamesAreTakenLiterallyNotAsWildcards() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("inbox/x1.csv", "one");
            agency.put("inbox/x\\*.csv", "star");

            assertThat(mailbox.list("inbox")).containsExactly("x*.csv", "x1.csv");
            Download star = mailbox.download("x*.csv", local.resolve("star"));
            assertThat(Files.readString(star.file())).isEqualTo("star");
            assertThat(mailbox.moveToRejected("x*.csv")).isEqualTo("rejected/x*.csv");
            assertThat(mailbox.list("inbox")).containsExactly("x1.csv");
        }
    }

    @Test
    void movingNeverOverwritesAndKeepsPairsTogether() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC);
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA, fixed)) {
            for (String content : List.of("first", "second", "third")) {
                agency.submit("bills.csv", content.getBytes(StandardCharsets.UTF_8), content);
                Submission s = mailbox.scan().submissions().get(0);
                mailbox.moveToProcessed(s);
            }

            assertThat(mailbox.list("inbox")).isEmpty();
            assertThat(mailbox.list("processed"))
                    .containsExactlyInAnyOrder(
                            "bills.csv",
                            "bills.csv.manifest",
                            "bills.20261201T090000.csv",
                            "bills.20261201T090000.csv.manifest",
                            "bills.20261201T090000-2.csv",
                            "bills.20261201T090000-2.csv.manifest");
            assertThat(agency.getText("processed/bills.csv")).isEqualTo("first");
            assertThat(agency.getText("processed/bills.20261201T090000.csv")).isEqualTo("second");
            assertThat(agency.getText("processed/bills.20261201T090000-2.csv.manifest"))
                    .contains("text = third");

            agency.put("inbox/note.txt", "a");
            assertThat(mailbox.moveToRejected("note.txt")).isEqualTo("rejected/note.txt");
            agency.put("inbox/note.txt", "b");
            assertThat(mailbox.moveToRejected("note.txt")).isEqualTo("rejected/note.20261201T090000.txt");
            assertThat(agency.getText("rejected/note.txt")).isEqualTo("a");
        }
    }

    @Test
    void aFileOfAnotherOwnerIsStillMovedWithoutOverwriting() throws Exception {
        // Written by root, not by the agency: the kernel's protected_hardlinks refuses the hard link, so the move
        // falls back to a check and a rename.
        Files.writeString(server.chroot(A).resolve("inbox/root.csv"), "second");
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            agency.put("rejected/root.csv", "first");

            String moved = mailbox.moveToRejected("root.csv");

            assertThat(moved).startsWith("rejected/root.2").endsWith(".csv");
            assertThat(agency.getText("rejected/root.csv")).isEqualTo("first");
            assertThat(agency.getText(moved)).isEqualTo("second");
            assertThat(mailbox.list("inbox")).isEmpty();
        }
    }

    @Test
    void outboxWritesAreAtomicAndReplaceTheEarlierVersion() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            mailbox.writeOutbox("bills.csv.receipt.txt", text("第一版"));
            assertThat(agency.getText("outbox/bills.csv.receipt.txt")).isEqualTo("第一版");

            // While the second version streams, the agency still sees the whole first one.
            List<String> seenMeanwhile = new java.util.ArrayList<>();
            byte[] second = "第二版\r\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
            InputStream watching = new ByteArrayInputStream(second) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    if (pos > 0 && seenMeanwhile.isEmpty()) {
                        try {
                            seenMeanwhile.add(agency.getText("outbox/bills.csv.receipt.txt"));
                            seenMeanwhile.addAll(agency.ls("outbox"));
                        } catch (SftpException e) {
                            seenMeanwhile.add(e.toString());
                        }
                    }
                    return super.read(b, off, len);
                }
            };
            mailbox.writeOutbox("bills.csv.receipt.txt", watching);

            assertThat(seenMeanwhile).containsExactly("第一版", ".bills.csv.receipt.txt.part", "bills.csv.receipt.txt");
            assertThat(agency.get("outbox/bills.csv.receipt.txt")).isEqualTo(second);
            assertThat(agency.ls("outbox")).containsExactly("bills.csv.receipt.txt");
        }
    }

    @Test
    void aFailedOutboxWriteKeepsTheEarlierVersionAndLeavesNoPart() throws Exception {
        try (AgencyClient agency = AgencyClient.connect(agencyA);
                SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            mailbox.writeOutbox("r.status.csv", text("complete"));
            InputStream breaking = new InputStream() {
                private int n;

                @Override
                public int read() throws IOException {
                    if (n++ > 100_000) {
                        throw new IOException("database went away");
                    }
                    return 'x';
                }
            };

            assertThatThrownBy(() -> mailbox.writeOutbox("r.status.csv", breaking))
                    .isInstanceOf(SftpFailure.class);

            assertThat(agency.getText("outbox/r.status.csv")).isEqualTo("complete");
            assertThat(agency.ls("outbox")).containsExactly("r.status.csv");
        }
    }

    // --- trust ---

    @Test
    void aServerWithAnotherHostKeyIsRefusedWithBothFingerprints() {
        byte[] blob = new byte[4 + 11 + 4 + 32];
        java.nio.ByteBuffer.wrap(blob)
                .putInt(11)
                .put("ssh-ed25519".getBytes(StandardCharsets.US_ASCII))
                .putInt(32)
                .put(new byte[32]);
        String otherKey = "[127.0.0.1]:" + server.port() + " ssh-ed25519 "
                + Base64.getEncoder().encodeToString(blob);
        SftpEndpoint impostor = withKnownHosts(agencyA, otherKey);

        SftpFailure failure = catchThrowableOfType(SftpFailure.class, () -> SftpMailbox.open(impostor));

        assertThat(failure.kind()).isEqualTo(SftpFailure.Kind.HOST_KEY_REJECTED);
        String presented = server.knownHostsLine().split(" ")[2];
        assertThat(failure.getMessage())
                .contains("Host key verification failed", A + "@127.0.0.1:" + server.port())
                .contains(PinnedHostKey.fingerprint(Base64.getDecoder().decode(presented)))
                .contains(PinnedHostKey.fingerprint(blob))
                .contains("Refusing to connect");
    }

    @Test
    void aKnownHostsLineForAnotherHostIsRefused() {
        String elsewhere = server.knownHostsLine().replace("[127.0.0.1]:" + server.port(), "sftp.example.gov.tw");

        SftpFailure failure =
                catchThrowableOfType(SftpFailure.class, () -> SftpMailbox.open(withKnownHosts(agencyA, elsewhere)));

        assertThat(failure.kind()).isEqualTo(SftpFailure.Kind.HOST_KEY_REJECTED);
        assertThat(failure.getMessage())
                .contains("presented the expected key", "sftp.example.gov.tw", "[127.0.0.1]:" + server.port());
    }

    @Test
    void anotherAgencysKeyIsRefused() {
        SftpEndpoint wrongKey = new SftpEndpoint(
                agencyA.host(),
                agencyA.port(),
                A,
                agencyB.privateKeyPem(),
                null,
                agencyA.knownHostsLine(),
                agencyA.timeout());

        SftpFailure failure = catchThrowableOfType(SftpFailure.class, () -> SftpMailbox.open(wrongKey));

        assertThat(failure.kind()).isEqualTo(SftpFailure.Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("Authentication failed for " + A);
    }

    @Test
    void anAgencyAddedWhileTheServerRunsCanLogIn() throws Exception {
        SftpEndpoint agencyC = server.addAgency("smsagencyc");

        try (SftpMailbox mailbox = SftpMailbox.open(agencyC)) {
            assertThat(mailbox.scan().isEmpty()).isTrue();
        }
        try (SftpMailbox mailbox = SftpMailbox.open(agencyA)) {
            assertThat(mailbox.list("outbox")).isEmpty();
        }
    }

    @Test
    void theEndpointNeverPrintsItsSecrets() {
        assertThat(agencyA.toString()).doesNotContain("PRIVATE KEY").contains(A);
    }

    private static SftpEndpoint withKnownHosts(SftpEndpoint e, String line) {
        return new SftpEndpoint(e.host(), e.port(), e.username(), e.privateKeyPem(), null, line, e.timeout());
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Submission> byDataName(Inbox inbox) {
        return inbox.submissions().stream().collect(Collectors.toMap(Submission::dataName, Function.identity()));
    }

    private static List<ProblemCode> codes(Submission s) {
        return s.problems().stream().map(Problem::code).toList();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration d) {
        return org.assertj.core.api.Assertions.within(d.toSeconds(), java.time.temporal.ChronoUnit.SECONDS);
    }
}
