package tw.gov.sms.contact.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.contact.application.ContactService;
import tw.gov.sms.contact.application.ContactService.ContactInput;
import tw.gov.sms.contact.application.ContactService.GroupView;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/**
 * Contact groups (R3.1). {@code GET /api/v1/contact-groups} lists the groups within the caller's sight; persons
 * who may manage contacts create ({@code POST}), rename ({@code PUT /{id}}) and delete them, add members
 * ({@code POST /{id}/members}), import a file ({@code POST /{id}/import}, multipart part {@code file}), remove
 * one ({@code DELETE /{id}/members/{contactId}}) and export them ({@code GET /{id}/export?format=csv|xlsx}).
 * A group is sent to with {@code "groups": [id, …]} in {@code POST /api/v1/messages}.
 */
@Path("v1/contact-groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ContactResource {

    @Inject
    ContactService contacts;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    private Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @GET
    @RolesAllowed({"user", "send", "view", "contacts"})
    public String list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        contacts.groups(actor()).forEach(g -> items.add(json(g)));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"user", "send", "view", "contacts"})
    public String group(@PathParam("id") long id) {
        return json(contacts.group(actor(), id)).build().toString();
    }

    @POST
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        JsonObject in = JsonInput.object(body);
        GroupView g = contacts.create(
                actor(), JsonInput.string(in, "name", true), JsonInput.string(in, "description", false));
        return Response.created(
                        uri.getBaseUriBuilder().path("v1/contact-groups/{id}").build(g.id()))
                .entity(json(g).build().toString())
                .build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public String update(@PathParam("id") long id, String body) {
        JsonObject in = JsonInput.object(body);
        return json(contacts.update(
                        actor(), id, JsonInput.string(in, "name", true), JsonInput.string(in, "description", false)))
                .build()
                .toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("user")
    public Response delete(@PathParam("id") long id) {
        contacts.delete(actor(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/members")
    @RolesAllowed({"user", "send", "view", "contacts"})
    public String members(
            @PathParam("id") long id,
            @QueryParam("number") String number,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        ContactService.MemberPage page = contacts.members(actor(), id, number, offset, limit);
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (ContactService.ContactView c : page.items()) {
            JsonObjectBuilder values = Json.createObjectBuilder();
            c.values().forEach(values::add);
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("id", c.id())
                    .add("number", c.masked())
                    .add("values", values)
                    .add("addedAt", c.addedAt().toString());
            if (c.name() != null) {
                o.add("name", c.name());
            }
            items.add(o);
        }
        return Json.createObjectBuilder()
                .add("total", page.total())
                .add("items", items)
                .build()
                .toString();
    }

    /**
     * Body: {@code {"contacts": ["0912345678", {"number": "0912…", "name": "王小明", "values": {"金額": "100"}}]}}.
     * All or nothing; answers how many were added and how many were duplicates.
     */
    @POST
    @Path("{id}/members")
    @RolesAllowed("user")
    @Consumes(MediaType.APPLICATION_JSON)
    public String add(@PathParam("id") long id, String body) {
        JsonObject in = JsonInput.object(body);
        JsonValue value = in.get("contacts");
        if (value == null || value == JsonValue.NULL) {
            throw JsonInput.missing("contacts");
        }
        if (!(value instanceof JsonArray array)) {
            throw JsonInput.wrongType("contacts", "陣列", "an array");
        }
        List<ContactInput> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            String field = "contacts[" + i + "]";
            if (item instanceof JsonString s) {
                list.add(new ContactInput(s.getString(), null, Map.of()));
            } else if (item instanceof JsonObject o) {
                list.add(new ContactInput(
                        JsonInput.string(o, "number", true),
                        JsonInput.string(o, "name", false),
                        JsonInput.stringMap(o, "values", field)));
            } else {
                throw JsonInput.wrongType(field, "字串或物件", "a string or an object");
            }
        }
        return json(contacts.add(actor(), id, list)).toString();
    }

    @POST
    @Path("{id}/import")
    @RolesAllowed("user")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public String importFile(@PathParam("id") long id, List<EntityPart> parts) {
        EntityPart file = parts.stream()
                .filter(p -> "file".equals(p.getName()))
                .findFirst()
                .orElse(null);
        if (file == null || file.getFileName().isEmpty()) {
            throw new ApiInputException(
                    "UPLOAD_FILE_MISSING",
                    "缺少檔案：請以 multipart/form-data 的「file」欄位上傳，並附檔名。",
                    "No file: upload it as the 'file' part of multipart/form-data, with its file name.");
        }
        java.nio.file.Path temp = null;
        try {
            temp = Files.createTempFile("contacts-", ".upload");
            long limit = tw.gov.sms.files.FileLimits.defaults().maxFileBytes();
            try (InputStream content = file.getContent();
                    java.io.OutputStream out = Files.newOutputStream(temp)) {
                // At most the limit is copied: a larger file is refused without filling the disk.
                long copied = content.transferTo(new java.io.FilterOutputStream(out) {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        if (++written > limit) {
                            throw new FileTooLarge();
                        }
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (written > limit) {
                            throw new FileTooLarge();
                        }
                        out.write(b, off, len);
                    }
                });
                if (copied == 0) {
                    throw new ApiInputException("UPLOAD_FILE_EMPTY", "檔案是空的。", "The file is empty.");
                }
            } catch (FileTooLarge e) {
                throw new ApiInputException(
                        "FILE_TOO_LARGE",
                        "檔案超過 " + limit / 1_048_576 + " MB，未匯入。",
                        "The file is larger than " + limit / 1_048_576 + " MB; nothing was imported.");
            }
            return json(contacts.importFile(
                            actor(), id, temp, file.getFileName().get()))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp directory
                }
            }
        }
    }

    @DELETE
    @Path("{id}/members/{contactId}")
    @RolesAllowed("user")
    public Response remove(@PathParam("id") long id, @PathParam("contactId") long contactId) {
        contacts.remove(actor(), id, contactId);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/export")
    @RolesAllowed("user")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    public Response export(@PathParam("id") long id, @QueryParam("format") @DefaultValue("csv") String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        contacts.export(actor(), id, format, out);
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        return Response.ok(out.toByteArray())
                .type(
                        xlsx
                                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                : "text/csv; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"contacts-" + id + (xlsx ? ".xlsx" : ".csv") + "\"")
                .build();
    }

    /** Thrown by the bounded copy of an import at the size limit. */
    private static final class FileTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The {@code groups} field of a send: contact group ids, or absent. */
    public static List<Long> groupIds(JsonObject json) {
        JsonValue value = json.get("groups");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw JsonInput.wrongType("groups", "陣列", "an array");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonNumber n) || !n.isIntegral()) {
                throw JsonInput.wrongType("groups[" + i + "]", "整數（群組編號）", "an integer (a group id)");
            }
            ids.add(n.longValue());
        }
        return ids;
    }

    private static JsonObjectBuilder json(GroupView g) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("id", g.id())
                .add("name", g.name())
                .add("agencyId", g.agencyId())
                .add("agency", g.agencyName())
                .add("accountGroupId", g.groupId())
                .add("accountGroup", g.groupName())
                .add("members", g.members())
                .add("manageable", g.manageable())
                .add("createdAt", g.createdAt().toString())
                .add("updatedAt", g.updatedAt().toString());
        if (g.description() != null) {
            o.add("description", g.description());
        }
        return o;
    }

    private static JsonObject json(ContactService.AddResult r) {
        return Json.createObjectBuilder()
                .add("added", r.added())
                .add("duplicates", r.duplicates())
                .add("members", r.members())
                .build();
    }
}
