package tw.gov.sms.sending.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import tw.gov.sms.account.application.Accounts;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.contact.application.ContactService;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.intake.application.UploadService;
import tw.gov.sms.intake.application.UploadView;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.sending.application.Preview;
import tw.gov.sms.sending.application.PreviewService;
import tw.gov.sms.sending.application.RecipientInput;
import tw.gov.sms.sending.application.RecipientRejection;
import tw.gov.sms.sending.application.SendRules;
import tw.gov.sms.sending.application.SubmissionRejectedException;
import tw.gov.sms.sending.application.SubmissionRequest;
import tw.gov.sms.sending.application.SubmissionResult;
import tw.gov.sms.sending.application.SubmissionService;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.sending.domain.UploadState;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * Compose and send (issue 8 item 2, R1.1 portal channel): recipients typed or pasted, the text with its live
 * counter and the citizen's view of it, now / scheduled / a free test to one's own phone, a confirmation of what
 * the send will cost, then the one {@link SubmissionService}. Every figure shown comes from the services that
 * decide the send (the number parser, {@link PreviewService}, {@link QuotaService}); this bean holds no rule.
 */
@Named
@ViewScoped
public class ComposePage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Schedule times are entered and shown as Taiwan time, whatever the server's zone. */
    static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String BUNDLE = "tw.gov.sms.web.compose";

    public enum Mode {
        NOW,
        SCHEDULED,
        TEST
    }

    public enum Step {
        EDIT,
        /** A file is being validated by the batch job; the page polls. */
        CHECKING,
        CONFIRM,
        DONE
    }

    /**
     * One finding to show, in both languages so a language switch needs no recomputation. {@code entry} and
     * {@code line} (1-based) say which recipient it is about, or are {@code null}.
     */
    public record Notice(String code, boolean error, String zh, String en, Integer entry, Integer line)
            implements Serializable {

        static Notice of(Problem p) {
            return new Notice(
                    p.code().name(), p.severity() == Severity.ERROR, p.messageZh(), p.messageEn(), null, null);
        }

        static Notice of(Problem p, int entry, int line) {
            return new Notice(
                    p.code().name(), p.severity() == Severity.ERROR, p.messageZh(), p.messageEn(), entry, line);
        }
    }

    /** What the confirmation shows before anything is sent. */
    public record Summary(
            Mode mode,
            String when,
            int recipients,
            long duplicates,
            long invalid,
            String testNumber,
            int segmentsMin,
            int segmentsMax,
            long totalSegments,
            Long agencyAvailable,
            Long accountLeft,
            Integer testLeft,
            Notice shortage,
            String fullText,
            List<Notice> warnings)
            implements Serializable {

        /** Segments per message: one figure, or a range when recipients' texts differ in length. */
        public String segmentsPerMessage() {
            if (segmentsMax == 0) {
                return "—"; // a file: the validation counted the total only
            }
            return segmentsMin == segmentsMax ? Integer.toString(segmentsMin) : segmentsMin + "–" + segmentsMax;
        }
    }

    /** The service's answer, kept for the result panel. */
    public record Outcome(
            long jobId, String state, int accepted, int rejected, int duplicates, int segments, List<Notice> notices)
            implements Serializable {}

    @Inject
    SubmissionService submissions;

    @Inject
    PreviewService previews;

    @Inject
    QuotaService quota;

    @Inject
    Accounts accounts;

    @Inject
    SendRules rules;

    @Inject
    PortalSession session;

    @Inject
    ContactService contacts;

    @Inject
    UploadService uploads;

    @Inject
    Audit audit;

    @Inject
    LocaleSwitch locale;

    // Who is composing (read at the start; every action checks the permissions again).
    private String deniedKey;
    private Long agencyId;
    private boolean mayTest;
    private List<Mode> modes = List.of(Mode.NOW);
    private String ownMobile;
    private String ownMobileMasked;
    private boolean ownMobileInvalid;
    private int testAllowance;
    private int testUsed;

    // The form.
    private String recipients;
    private String text;
    private Mode mode = Mode.NOW;
    private LocalDateTime scheduleAt;
    private List<Long> selectedGroups = new ArrayList<>();

    // Contact groups the composer may send to (R3.1), and a chosen recipients file.
    private List<ContactService.GroupView> groups = List.of();
    private transient Part upload;
    private String fileName;
    private String filePath;
    private long fileSize;
    private Long uploadId;
    private boolean fileSend;

    // What is shown.
    private Step step = Step.EDIT;
    private RecipientText parsed = RecipientText.EMPTY;
    private String fullText;
    private String encoding;
    private int units;
    private int segments;
    private List<Notice> textNotices = List.of();
    private List<Notice> problems = new ArrayList<>();
    private Summary summary;
    private Outcome outcome;
    private String idempotencyKey;

    @PostConstruct
    void start() {
        Actor actor = actor();
        if (!actor.hasPermission(Permission.SEND)) {
            deniedKey = "denied.send";
            return;
        }
        if (actor.agency() == null) {
            deniedKey = "denied.agency";
            return;
        }
        agencyId = actor.agency().value();
        List<Mode> allowed = new ArrayList<>(List.of(Mode.NOW));
        if (actor.hasPermission(Permission.SCHEDULE)) {
            allowed.add(Mode.SCHEDULED);
        }
        allowed.add(Mode.TEST);
        modes = List.copyOf(allowed);
        String mobile = accounts.byId(actor.accountId()).map(Account::getMobile).orElse(null);
        if (mobile != null) {
            NumberParseResult r = MsisdnParser.parse(mobile);
            if (r.ok()) {
                ownMobile = r.msisdn().national();
                ownMobileMasked = r.msisdn().masked();
            } else {
                ownMobileInvalid = true;
            }
        }
        mayTest = ownMobile != null;
        groups = contacts.sendableGroups(actor);
        QuotaService.View view = quota.view(actor, null);
        testAllowance = view.testAllowance();
        testUsed = view.testUsed();
        refreshPreview();
    }

    // ---- ajax listeners -------------------------------------------------------------------

    /** The recipient list changed: count valid numbers, duplicates and invalid entries. */
    public void recipientsChanged() {
        parsed = RecipientText.parse(recipients);
        refreshPreview();
    }

    /** The text (or the mode, which decides whose number fills a per-recipient prefix) changed. */
    public void textChanged() {
        refreshPreview();
    }

    // ---- actions ----------------------------------------------------------------------------

    /** Checks the send and prepares the confirmation; sends nothing. */
    public void review() {
        problems = new ArrayList<>();
        Actor actor = actor();
        if (!permitted(actor)) {
            return;
        }
        parsed = RecipientText.parse(recipients);
        refreshPreview();
        if (filePath != null) {
            checkFile(actor);
            return;
        }
        List<RecipientInput> planned = new ArrayList<>();
        long groupDuplicates = 0;
        List<String> numbers;
        if (mode == Mode.TEST) {
            if (ownMobile == null) {
                problems.add(notice(ownMobileInvalid ? "test.mobileInvalid" : "test.noMobile"));
            }
            numbers = ownMobile == null ? List.of() : List.of(ownMobile);
        } else {
            java.util.Set<String> seen = new java.util.HashSet<>(parsed.unique());
            parsed.unique().forEach(n -> planned.add(new RecipientInput(n, Map.of())));
            for (RecipientInput member : groupRecipients(actor)) {
                NumberParseResult r = MsisdnParser.parse(member.number());
                if (r.ok() && seen.add(r.msisdn().national())) {
                    planned.add(member);
                } else {
                    groupDuplicates++;
                }
            }
            if (parsed.entries().isEmpty() && selectedGroups.isEmpty()) {
                problems.add(Notice.of(Problem.of(ProblemCode.REQUEST_NO_RECIPIENTS, "recipients", null)));
            } else if (planned.isEmpty()) {
                problems.add(Notice.of(Problem.of(ProblemCode.REQUEST_NO_VALID_RECIPIENTS, "recipients", null)));
            }
            numbers = planned.stream().map(RecipientInput::number).toList();
        }
        OffsetDateTime at = scheduleTime();
        if (mode == Mode.SCHEDULED) {
            if (at == null) {
                problems.add(notice("schedule.missing"));
            } else {
                rules.checkTimes(at, null, OffsetDateTime.now()).stream()
                        .map(Notice::of)
                        .forEach(problems::add);
            }
        }
        textNotices.stream()
                .filter(Notice::error)
                .filter(n -> !(filePath != null || parsed.unique().isEmpty() && !selectedGroups.isEmpty())
                        || !valueMissing(n))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            return;
        }

        // Every recipient's text as the service will compose it, in slices the preview answers for.
        int min = Integer.MAX_VALUE;
        int max = 0;
        long total = 0;
        Map<String, Notice> itemErrors = new LinkedHashMap<>();
        for (int from = 0; from < numbers.size(); from += PreviewService.MAX_ITEMS) {
            List<RecipientInput> slice = mode == Mode.TEST
                    ? List.of(new RecipientInput(ownMobile, Map.of()))
                    : planned.subList(from, Math.min(planned.size(), from + PreviewService.MAX_ITEMS));
            for (Preview.Item item :
                    previews.preview(actor.agency(), slice, text).items()) {
                item.problems().stream()
                        .filter(Problem::isError)
                        .forEach(p -> itemErrors.putIfAbsent(p.code() + p.messageEn(), Notice.of(p)));
                int n = item.segments().size();
                min = Math.min(min, n);
                max = Math.max(max, n);
                total += n;
            }
        }
        if (!itemErrors.isEmpty()) {
            problems.addAll(itemErrors.values());
            return;
        }

        QuotaService.View view = quota.view(actor, null);
        testAllowance = view.testAllowance();
        testUsed = view.testUsed();
        Notice shortage = null;
        Long agencyAvailable = null;
        Long accountLeft = null;
        Integer testLeft = null;
        if (mode == Mode.TEST) {
            testLeft = Math.max(0, testAllowance - testUsed);
            if (testLeft < numbers.size()) {
                shortage = Notice.of(Problem.of(
                        ProblemCode.QUOTA_TEST_EXHAUSTED, "test", null, numbers.size(), testLeft, testAllowance));
            }
        } else {
            agencyAvailable = view.agency().available();
            accountLeft = view.account() != null && "ALLOCATED".equals(view.mode())
                    ? view.account().allocationLeft()
                    : null;
            try {
                quota.plan(actor.agency(), actor.accountId(), total);
            } catch (QuotaService.QuotaRefusal refusal) {
                shortage = Notice.of(refusal.problem());
            }
        }
        summary = new Summary(
                mode,
                at == null ? null : SHOWN.format(at.atZoneSameInstant(TAIWAN)),
                numbers.size(),
                mode == Mode.TEST ? 0 : parsed.duplicates() + groupDuplicates,
                mode == Mode.TEST ? 0 : parsed.invalid(),
                mode == Mode.TEST ? ownMobileMasked : null,
                min == Integer.MAX_VALUE ? 0 : min,
                max,
                total,
                agencyAvailable,
                accountLeft,
                testLeft,
                shortage,
                fullText,
                textNotices.stream().filter(n -> !n.error()).toList());
        // One key per confirmation: a repeated click on "send" answers with the same job.
        idempotencyKey = "portal-" + UUID.randomUUID();
        fileSend = false;
        step = Step.CONFIRM;
    }

    /** Back from the confirmation to the form, everything kept (a validated file is let go, and checked again). */
    public void back() {
        dropUpload();
        summary = null;
        step = Step.EDIT;
    }

    /** Sends what was confirmed through the one submission service. */
    public void send() {
        if (step != Step.CONFIRM || summary == null || summary.shortage() != null) {
            return;
        }
        problems = new ArrayList<>();
        Actor actor = actor();
        if (!permitted(actor)) {
            step = Step.EDIT;
            return;
        }
        if (fileSend) {
            sendFile(actor);
            return;
        }
        List<RecipientInput> inputs = new ArrayList<>();
        if (mode == Mode.TEST) {
            inputs.add(new RecipientInput(ownMobile, Map.of()));
        } else {
            parsed.entries().forEach(e -> inputs.add(new RecipientInput(e.raw(), Map.of())));
            inputs.addAll(groupRecipients(actor));
        }
        SubmissionRequest request = new SubmissionRequest(
                actor.agency(),
                null,
                Channel.PORTAL,
                inputs,
                text,
                mode == Mode.SCHEDULED ? scheduleTime() : null,
                null,
                mode == Mode.TEST,
                idempotencyKey,
                actor.accountId(),
                actor.groupId());
        try {
            SubmissionResult r = submissions.submit(request, actor);
            List<Notice> notices = new ArrayList<>();
            r.rejections().forEach(rejection -> notices.addAll(located(rejection)));
            r.warnings().stream().map(Notice::of).forEach(notices::add);
            outcome = new Outcome(
                    r.jobId(),
                    r.state().name(),
                    r.accepted(),
                    r.rejections().size(),
                    r.duplicates().size(),
                    r.segments(),
                    List.copyOf(notices));
            step = Step.DONE;
        } catch (SubmissionRejectedException e) {
            e.problems().stream().map(Notice::of).forEach(problems::add);
            e.rejections().forEach(rejection -> problems.addAll(located(rejection)));
            summary = null;
            step = Step.EDIT;
        }
    }

    // ---- a recipients file ---------------------------------------------------------------------

    /** The file chosen in the upload field: kept in a temporary file until it is checked or replaced. */
    public void fileChosen() {
        Part file = upload;
        upload = null; // the field is rendered empty again: later requests do not carry the file
        if (file == null || file.getSize() == 0) {
            return;
        }
        removeFile();
        problems = new ArrayList<>();
        long limit = uploads.limits().maxFileBytes();
        if (file.getSize() > limit) {
            // Refused before it is copied anywhere (the same limit as the API and SFTP).
            problems.add(Notice.of(Problem.of(
                    ProblemCode.FILE_TOO_LARGE,
                    "file",
                    null,
                    safeName(file),
                    file.getSize() + " bytes",
                    limit + " bytes")));
            return;
        }
        java.nio.file.Path temp = null;
        try {
            temp = Files.createTempFile("compose-", ".upload");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            filePath = temp.toString();
            fileName = safeName(file);
            fileSize = Files.size(temp);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        }
    }

    /** The chosen file (plain numbers) never outlives the page: left, expired or sent. */
    @PreDestroy
    void discardFile() {
        removeFile();
    }

    private static String safeName(Part file) {
        String submitted = file.getSubmittedFileName();
        if (submitted == null || submitted.isBlank()) {
            return "upload";
        }
        String name = submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.isBlank() ? "upload" : name;
    }

    private static void deleteQuietly(java.nio.file.Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    public Part getUpload() {
        return null;
    }

    public void setUpload(Part upload) {
        this.upload = upload;
    }

    /** Forgets the chosen file. */
    public void removeFile() {
        deleteQuietly(filePath == null ? null : java.nio.file.Path.of(filePath));
        filePath = null;
        fileName = null;
        fileSize = 0;
    }

    /**
     * Hands the file, with the text and the time, to the upload service, which validates every row with a batch
     * job (R2.3) exactly as for the API and SFTP; the page then polls {@link #poll}.
     */
    private void checkFile(Actor actor) {
        if (!parsed.entries().isEmpty() || !selectedGroups.isEmpty()) {
            problems.add(notice("file.mixed"));
        }
        if (mode == Mode.TEST) {
            problems.add(notice("file.test"));
        }
        OffsetDateTime at = scheduleTime();
        if (mode == Mode.SCHEDULED && at == null) {
            problems.add(notice("schedule.missing"));
        }
        textNotices.stream()
                .filter(Notice::error)
                .filter(n -> !(filePath != null || parsed.unique().isEmpty() && !selectedGroups.isEmpty())
                        || !valueMissing(n))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            return;
        }
        dropUpload();
        UploadService.UploadRequest request = new UploadService.UploadRequest(
                actor.agency(),
                null,
                Channel.PORTAL,
                fileName,
                text,
                mode == Mode.SCHEDULED ? at : null,
                null,
                false,
                false,
                null,
                null,
                actor.accountId(),
                actor.groupId());
        try (InputStream in = Files.newInputStream(java.nio.file.Path.of(filePath))) {
            UploadView view = uploads.receive(request, in);
            uploadId = view.id();
            uploads.startValidation(view.id());
            audit.success(actor, "FILE_UPLOAD", "upload:" + view.id(), view.fileName());
            step = Step.CHECKING;
        } catch (SubmissionRejectedException e) {
            e.problems().stream().map(Notice::of).forEach(problems::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** While a file is checked: move on once the validation has decided. */
    public void poll() {
        if (step != Step.CHECKING || uploadId == null) {
            return;
        }
        Actor actor = actor();
        UploadView view = uploads.view(actor.agency(), uploadId);
        if (view.state() == UploadState.REJECTED) {
            problems = new ArrayList<>();
            problems.add(new Notice(
                    "FILE_REJECTED",
                    true,
                    text("file.rejected", Locale.TRADITIONAL_CHINESE).formatted(view.problemCount()),
                    text("file.rejected", Locale.ENGLISH).formatted(view.problemCount()),
                    null,
                    null));
            for (FileProblem p : uploads.problems(actor.agency(), uploadId, 50)) {
                String zhWhere = p.line() == null
                        ? ""
                        : "第 " + p.line() + " 列" + (p.column() == null ? "" : "「" + p.column() + "」") + "：";
                String enWhere = p.line() == null
                        ? ""
                        : "Line " + p.line() + (p.column() == null ? "" : " (" + p.column() + ")") + ": ";
                problems.add(new Notice(
                        p.problem().code().name(),
                        p.problem().isError(),
                        zhWhere + p.problem().messageZh(),
                        enWhere + p.problem().messageEn(),
                        null,
                        null));
            }
            uploadId = null;
            step = Step.EDIT;
            return;
        }
        if (view.state() != UploadState.VALIDATED) {
            return;
        }
        long total = view.segments() == null ? 0 : view.segments();
        Notice shortage = quota.shortfall(actor.agency(), actor.accountId(), total)
                .map(Notice::of)
                .orElse(null);
        QuotaService.View q = quota.view(actor, null);
        OffsetDateTime at = view.scheduleAt();
        summary = new Summary(
                mode,
                at == null ? null : SHOWN.format(at.atZoneSameInstant(TAIWAN)),
                view.recipients() == null ? 0 : view.recipients().intValue(),
                view.duplicates() == null ? 0 : view.duplicates(),
                0,
                null,
                0,
                0,
                total,
                q.agency().available(),
                q.account() != null && "ALLOCATED".equals(q.mode())
                        ? q.account().allocationLeft()
                        : null,
                null,
                shortage,
                fullText,
                textNotices.stream().filter(n -> !n.error()).toList());
        fileSend = true;
        step = Step.CONFIRM;
    }

    private void sendFile(Actor actor) {
        try {
            UploadView view = uploads.confirm(actor, actor.agency(), uploadId);
            outcome = new Outcome(
                    view.jobId(),
                    view.scheduleAt() == null ? "ACCEPTED" : "SCHEDULED",
                    view.recipients() == null ? 0 : view.recipients().intValue(),
                    0,
                    view.duplicates() == null ? 0 : view.duplicates().intValue(),
                    view.segments() == null ? 0 : view.segments().intValue(),
                    List.of());
            uploadId = null;
            removeFile();
            step = Step.DONE;
        } catch (SubmissionRejectedException e) {
            e.problems().stream().map(Notice::of).forEach(problems::add);
            back();
        }
    }

    /** Cancels an upload made for a confirmation that was not sent. */
    private void dropUpload() {
        if (uploadId != null) {
            try {
                uploads.cancel(actor().agency(), uploadId);
            } catch (RuntimeException e) {
                // already decided (e.g. rejected): nothing to let go
            }
            uploadId = null;
        }
        fileSend = false;
    }

    /**
     * A placeholder without a value in the preview, which has no recipient to take it from: for a file or groups,
     * every recipient's own values are checked (by the batch job, or by previewing each member), not the preview's.
     */
    private static boolean valueMissing(Notice n) {
        return ProblemCode.PLACEHOLDER_MISSING_VALUE.name().equals(n.code());
    }

    private List<RecipientInput> groupRecipients(Actor actor) {
        return selectedGroups.isEmpty() ? List.of() : contacts.recipients(actor, selectedGroups);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private boolean permitted(Actor actor) {
        if (!actor.hasPermission(Permission.SEND) || actor.agency() == null) {
            problems.add(notice(actor.agency() == null ? "denied.agency" : "denied.send"));
            return false;
        }
        if (mode == Mode.SCHEDULED && !actor.hasPermission(Permission.SCHEDULE)) {
            problems.add(notice("denied.schedule"));
            return false;
        }
        return true;
    }

    /** The preview of the text for the first recipient (whose number may fill the prefix), or of the template. */
    private void refreshPreview() {
        if (agencyId == null) {
            return; // not allowed to send: there is no form
        }
        String first = mode == Mode.TEST
                ? ownMobile
                : parsed.unique().isEmpty() ? null : parsed.unique().get(0);
        List<RecipientInput> one = first == null ? List.of() : List.of(new RecipientInput(first, Map.of()));
        Preview preview = previews.preview(new AgencyId(agencyId), one, text == null ? "" : text);
        Map<String, Notice> found = new LinkedHashMap<>();
        List<Problem> all = new ArrayList<>(preview.problems());
        Preview.Item item = preview.items().isEmpty() ? null : preview.items().get(0);
        if (item != null) {
            all.addAll(item.problems());
        }
        for (Problem p : all) {
            found.putIfAbsent(p.code() + p.messageEn(), Notice.of(p));
        }
        textNotices = List.copyOf(found.values());
        fullText = item == null ? null : item.fullText();
        encoding = item == null ? null : item.encoding();
        units = item == null ? 0 : item.units();
        segments = item == null ? 0 : item.segments().size();
    }

    /** A rejected recipient's problems, located by entry and line of the list as written. */
    private List<Notice> located(RecipientRejection rejection) {
        RecipientText.Entry entry = mode == Mode.TEST ? null : parsed.entry(rejection.index());
        return rejection.problems().stream()
                .map(p -> entry == null ? Notice.of(p) : Notice.of(p, rejection.index() + 1, entry.line()))
                .toList();
    }

    private OffsetDateTime scheduleTime() {
        return scheduleAt == null
                ? null
                : scheduleAt.truncatedTo(ChronoUnit.MINUTES).atZone(TAIWAN).toOffsetDateTime();
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    /** A text of this page's bundle, in both languages. */
    private static Notice notice(String key) {
        return new Notice(null, true, text(key, Locale.TRADITIONAL_CHINESE), text(key, Locale.ENGLISH), null, null);
    }

    private static String text(String key, Locale locale) {
        // No fallback to the server's default locale: English is the base bundle.
        return ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .getString(key);
    }

    // ---- what the page reads ----------------------------------------------------------------

    /** A notice in the language of the session. */
    public String say(Notice n) {
        return locale.isEnglish() ? n.en() : n.zh();
    }

    public boolean isAllowed() {
        return deniedKey == null;
    }

    public String getDeniedKey() {
        return deniedKey;
    }

    public List<Mode> getModes() {
        return modes;
    }

    public boolean isMayTest() {
        return mayTest;
    }

    public String getOwnMobileMasked() {
        return ownMobileMasked;
    }

    public boolean isOwnMobileInvalid() {
        return ownMobileInvalid;
    }

    /** The sender id the phone shows: 111, or the test sender for a test send. */
    public String getSender() {
        return rules.sender(mode == Mode.TEST);
    }

    public int getTestAllowance() {
        return testAllowance;
    }

    public int getTestLeft() {
        return Math.max(0, testAllowance - testUsed);
    }

    /** The earliest time the date picker offers: now, in Taiwan. */
    public LocalDateTime getEarliestSchedule() {
        return LocalDateTime.now(TAIWAN).truncatedTo(ChronoUnit.MINUTES);
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode == null ? Mode.NOW : mode;
    }

    public LocalDateTime getScheduleAt() {
        return scheduleAt;
    }

    public void setScheduleAt(LocalDateTime scheduleAt) {
        this.scheduleAt = scheduleAt;
    }

    public Step getStep() {
        return step;
    }

    public int getValidCount() {
        return parsed.valid();
    }

    public long getDuplicateCount() {
        return parsed.duplicates();
    }

    public long getInvalidCount() {
        return parsed.invalid();
    }

    /** Invalid entries and duplicates, each with its entry and line number. */
    public List<Notice> getRecipientNotices() {
        return parsed.notices();
    }

    public String getFullText() {
        return fullText;
    }

    public String getEncoding() {
        return encoding;
    }

    public int getUnits() {
        return units;
    }

    public int getSegments() {
        return segments;
    }

    /** The text's problems; an empty text is obvious while nothing is typed, and is reported on confirmation. */
    public List<Notice> getTextNotices() {
        if (filePath != null || parsed.unique().isEmpty() && !selectedGroups.isEmpty()) {
            return textNotices.stream().filter(n -> !valueMissing(n)).toList();
        }
        if (text != null && !text.isEmpty()) {
            return textNotices;
        }
        return textNotices.stream()
                .filter(n -> !ProblemCode.TEXT_EMPTY.name().equals(n.code()))
                .toList();
    }

    public List<Notice> getProblems() {
        return problems;
    }

    public List<ContactService.GroupView> getGroups() {
        return groups;
    }

    public List<Long> getSelectedGroups() {
        return selectedGroups;
    }

    public void setSelectedGroups(List<Long> selectedGroups) {
        this.selectedGroups = selectedGroups == null ? new ArrayList<>() : new ArrayList<>(selectedGroups);
    }

    /** Members of the chosen groups, before duplicates are taken out. */
    public int getGroupMembers() {
        return groups.stream()
                .filter(g -> selectedGroups.contains(g.id()))
                .mapToInt(ContactService.GroupView::members)
                .sum();
    }

    public String getFileName() {
        return fileName;
    }

    public long getFileSize() {
        return fileSize;
    }

    public boolean isFileSend() {
        return fileSend;
    }

    public Summary getSummary() {
        return summary;
    }

    public Outcome getOutcome() {
        return outcome;
    }
}
