package tw.gov.sms.notification.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.notification.application.NotificationService;
import tw.gov.sms.notification.domain.Notification;
import tw.gov.sms.notification.domain.NotificationText;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.Caller;

/**
 * {@code GET /api/v1/notifications}: the calling person's notices shown in the portal, newest first, each in both
 * languages; {@code POST /api/v1/notifications/read}: marks them all read. Persons only (role {@code user}): an
 * agency system follows its jobs through {@code /api/v1/jobs} and callbacks.
 */
@Path("v1/notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class NotificationResource {

    private static final Locale ZH = Locale.TRADITIONAL_CHINESE;

    @Inject
    NotificationService notifications;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    private Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @GET
    public String list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        Actor actor = actor();
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Notification n : notifications.list(actor, offset == null ? 0 : offset, limit == null ? 50 : limit)) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("id", n.id())
                    .add("stage", n.stage().name())
                    .add("stageAt", n.stageAt().toString())
                    .add("read", n.isRead())
                    .add("titleZh", NotificationText.title(n, ZH))
                    .add("titleEn", NotificationText.title(n, Locale.ENGLISH))
                    .add("bodyZh", NotificationText.body(n, ZH))
                    .add("bodyEn", NotificationText.body(n, Locale.ENGLISH));
            if (n.jobId() != null) {
                o.add("jobId", n.jobId())
                        .add("recipients", n.recipients())
                        .add("delivered", n.delivered())
                        .add("failed", n.failed())
                        .add("expired", n.expired());
            }
            if (n.uploadId() != null) {
                o.add("uploadId", n.uploadId()).add("problems", n.problemCount());
            }
            if (n.thresholdPercent() != null) {
                o.add("thresholdPercent", n.thresholdPercent());
            }
            items.add(o);
        }
        return Json.createObjectBuilder()
                .add("unread", notifications.unread(actor))
                .add("items", items)
                .build()
                .toString();
    }

    @POST
    @Path("read")
    public String markAllRead() {
        return Json.createObjectBuilder()
                .add("marked", notifications.markAllRead(actor()))
                .build()
                .toString();
    }
}
