package tw.gov.sms.sending.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.intake.application.UploadService;
import tw.gov.sms.intake.application.UploadService.UploadRequest;
import tw.gov.sms.intake.application.UploadView;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.sending.domain.UploadState;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;

/**
 * Recipient files (docs/file-formats.md): {@code POST /api/v1/files} uploads a file with its text as
 * {@code multipart/form-data}; {@code GET /api/v1/files/{id}} follows the validation and shows the
 * summary; {@code GET …/report} downloads the validation report (CSV); {@code POST …/confirm} turns a
 * validated file into a send job; {@code POST …/cancel} drops it.
 */
@Path("v1/files")
@RequestScoped
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private static final int PROBLEMS_SHOWN = 100;

    @Inject
    UploadService uploads;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /**
     * Parts: {@code file} (the recipients file, with its file name), {@code text}, and optionally
     * {@code scheduleAt} (ISO-8601 with offset), {@code validityMinutes}, {@code test},
     * {@code autoConfirm} (send as soon as the file is valid), {@code reference}.
     */
    @POST
    @RolesAllowed("send")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts) {
        Caller caller = Caller.of(security);
        EntityPart file = null;
        String text = null;
        String scheduleAt = null;
        String validity = null;
        String test = null;
        String autoConfirm = null;
        String reference = null;
        for (EntityPart part : parts) {
            switch (part.getName()) {
                case "file" -> file = part;
                case "text" -> text = string(part);
                case "scheduleAt" -> scheduleAt = string(part);
                case "validityMinutes" -> validity = string(part);
                case "test" -> test = string(part);
                case "autoConfirm" -> autoConfirm = string(part);
                case "reference" -> reference = string(part);
                default ->
                    throw new ApiInputException(
                            "FIELD_UNKNOWN",
                            "不認識的欄位「" + part.getName()
                                    + "」。可用欄位：file、text、scheduleAt、validityMinutes、test、autoConfirm、reference。",
                            "Unknown part '" + part.getName()
                                    + "'. Parts: file, text, scheduleAt, validityMinutes, test, autoConfirm, reference.");
            }
        }
        if (file == null || file.getFileName().isEmpty()) {
            throw new ApiInputException(
                    "UPLOAD_FILE_MISSING",
                    "缺少檔案：請以 multipart/form-data 的「file」欄位上傳，並附檔名。",
                    "No file: upload it as the 'file' part of multipart/form-data, with its file name.");
        }
        if (text == null || text.isBlank()) {
            throw new ApiInputException(
                    "FIELD_MISSING", "缺少欄位「text」（簡訊內容）。", "The 'text' part (the message) is missing.");
        }
        UploadRequest request = new UploadRequest(
                caller.agencySystem(),
                caller.clientDbId(),
                Channel.FILE,
                utf8FileName(file.getFileName().get()),
                text,
                scheduled(scheduleAt),
                integer("validityMinutes", validity),
                bool("test", test),
                bool("autoConfirm", autoConfirm),
                reference,
                null);
        UploadView view;
        try (InputStream content = file.getContent()) {
            view = uploads.receive(request, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uploads.startValidation(view.id());
        audit.success(actor(), "FILE_UPLOAD", "upload:" + view.id(), view.fileName());
        return Response.accepted(json(view, List.of()).toString())
                .location(uri.getBaseUriBuilder().path("v1/files/{id}").build(view.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"send", "view"})
    public String upload(@PathParam("id") long id) {
        AgencyId agency = Caller.of(security).agencySystem();
        UploadView view = uploads.view(agency, id);
        List<FileProblem> problems = uploads.problems(agency, id, PROBLEMS_SHOWN); // errors and warnings
        return json(view, problems).toString();
    }

    @GET
    @RolesAllowed({"send", "view"})
    public String recent() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        uploads.recent(Caller.of(security).agencySystem(), 50).forEach(v -> items.add(json(v, List.of())));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    /** The validation report: every problem with file, row, column, code and reason in both languages. */
    @GET
    @Path("{id}/report")
    @RolesAllowed({"send", "view"})
    @Produces("text/csv")
    public Response report(@PathParam("id") long id) {
        AgencyId agency = Caller.of(security).agencySystem();
        UploadView view = uploads.view(agency, id);
        audit.success(actor(), "EXPORT", "upload:" + id, "validation report");
        StreamingOutput body = out -> uploads.writeReport(agency, id, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"upload-" + view.id() + "-report.csv\"; filename*=UTF-8''"
                                + java.net.URLEncoder.encode(view.fileName() + ".report.csv", StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                .build();
    }

    @POST
    @Path("{id}/confirm")
    @RolesAllowed("send")
    public Response confirm(@PathParam("id") long id) {
        UploadView view = uploads.confirm(actor(), Caller.of(security).agencySystem(), id);
        return Response.accepted(json(view, List.of()).toString())
                .location(uri.getBaseUriBuilder().path("v1/jobs/{id}").build(view.jobId()))
                .build();
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed("send")
    public String cancel(@PathParam("id") long id) {
        return json(uploads.cancel(Caller.of(security).agencySystem(), id), List.of())
                .toString();
    }

    @Context
    jakarta.servlet.http.HttpServletRequest httpRequest;

    @jakarta.inject.Inject
    tw.gov.sms.shared.interfaces.http.SourceAddresses sources;

    @jakarta.inject.Inject
    tw.gov.sms.account.application.Audit audit;

    /** A send time needs the {@code schedule} permission, as on {@code /messages}. */
    private java.time.OffsetDateTime scheduled(String scheduleAt) {
        if (scheduleAt != null && !scheduleAt.isBlank() && !security.isUserInRole("schedule")) {
            throw tw.gov.sms.account.application.AccountException.notPermitted(
                    "預約發送需要 schedule 權限。", "Scheduling needs the schedule permission.");
        }
        return dateTime("scheduleAt", scheduleAt);
    }

    private tw.gov.sms.account.domain.Actor actor() {
        return Caller.of(security).actor(sources.of(httpRequest));
    }

    private jakarta.json.JsonObject json(UploadView v, List<FileProblem> problems) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", v.id())
                .add("state", v.state().name())
                .add("channel", v.channel().name())
                .add("fileName", v.fileName())
                .add("sizeBytes", v.sizeBytes())
                .add("sha256", v.sha256())
                .add("rowsRead", v.rowsRead())
                .add("problemCount", v.problemCount())
                .add("test", v.test());
        text(b, "format", v.format());
        text(b, "encoding", v.encoding());
        if (!v.columns().isEmpty()) {
            JsonArrayBuilder columns = Json.createArrayBuilder();
            v.columns().forEach(columns::add);
            b.add("columns", columns);
        }
        if (v.recipients() != null) {
            b.add(
                    "summary",
                    Json.createObjectBuilder()
                            .add("recipients", v.recipients())
                            .add("duplicates", v.duplicates())
                            .add("segments", v.segments())
                            .add("quotaNeeded", v.segments()));
        }
        time(b, "scheduleAt", v.scheduleAt());
        if (v.validityMinutes() != null) {
            b.add("validityMinutes", v.validityMinutes());
        }
        text(b, "reference", v.reference());
        if (v.jobId() != null) {
            b.add("jobId", v.jobId());
        }
        time(b, "receivedAt", v.receivedAt());
        time(b, "validatedAt", v.validatedAt());
        time(b, "decidedAt", v.decidedAt());
        if (!problems.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (FileProblem p : problems) {
                JsonObjectBuilder o = Json.createObjectBuilder();
                text(o, "entry", p.entry());
                if (p.line() != null) {
                    o.add("row", p.line());
                }
                text(o, "column", p.column());
                o.add("code", p.problem().code().name())
                        .add("severity", p.problem().severity().name())
                        .add("message", p.problem().messageZh())
                        .add("messageEn", p.problem().messageEn());
                list.add(o);
            }
            b.add("problems", list);
        }
        String self =
                uri.getBaseUriBuilder().path("v1/files/{id}").build(v.id()).toString();
        JsonObjectBuilder links = Json.createObjectBuilder().add("self", self);
        if (v.problemCount() > 0) {
            links.add("report", self + "/report");
        }
        if (v.state() == UploadState.VALIDATED) {
            links.add("confirm", self + "/confirm").add("cancel", self + "/cancel");
        }
        if (v.jobId() != null) {
            links.add(
                    "job",
                    uri.getBaseUriBuilder()
                            .path("v1/jobs/{id}")
                            .build(v.jobId())
                            .toString());
        }
        return b.add("links", links).build();
    }

    /**
     * Browsers and curl send the file name as raw UTF-8 bytes, which the multipart parser reads as
     * ISO-8859-1 ({@code 補助名冊.csv} arrives as {@code è£\u009C…}): read those bytes again as UTF-8
     * when they are valid UTF-8.
     */
    static String utf8FileName(String name) {
        if (name.chars().anyMatch(c -> c > 0xFF) || name.chars().allMatch(c -> c < 0x80)) {
            return name;
        }
        byte[] raw = name.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return name; // really ISO-8859-1
        }
    }

    private static String string(EntityPart part) {
        try {
            return part.getContent(String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime dateTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "FIELD_WRONG_TYPE",
                    "欄位「" + field + "」必須是含時區的 ISO-8601 時間，例如 2026-12-01T09:00:00+08:00。",
                    "Field '" + field + "' must be an ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00+08:00.");
        }
    }

    private static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiInputException(
                    "FIELD_WRONG_TYPE", "欄位「" + field + "」必須是整數。", "Field '" + field + "' must be an integer.");
        }
    }

    private static boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new ApiInputException(
                        "FIELD_WRONG_TYPE",
                        "欄位「" + field + "」必須是 true 或 false。",
                        "Field '" + field + "' must be true or false.");
        };
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder b, String name, OffsetDateTime t) {
        if (t != null) {
            b.add(name, t.toString());
        }
    }
}
