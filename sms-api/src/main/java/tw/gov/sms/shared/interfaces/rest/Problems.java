package tw.gov.sms.shared.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import tw.gov.sms.shared.domain.Problem;

/**
 * RFC 9457 problem details, the one error shape of the API: {@code type}, {@code title}, {@code status},
 * {@code detail}, plus a stable {@code code}, {@code messageZh} and {@code messageEn}, and the individual
 * {@code problems} (each with code, severity, field, position and both languages).
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://sms.gov.tw/problems/";

    private Problems() {}

    public static Response response(int status, String code, String messageZh, String messageEn) {
        return response(status, code, messageZh, messageEn, List.of(), null);
    }

    public static Response response(
            int status, String code, String messageZh, String messageEn, List<Problem> problems, JsonObject extra) {
        return Response.status(status)
                .type(MEDIA_TYPE + ";charset=UTF-8")
                .entity(body(status, code, messageZh, messageEn, problems, extra)
                        .toString())
                .build();
    }

    public static JsonObject body(
            int status, String code, String messageZh, String messageEn, List<Problem> problems, JsonObject extra) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", TYPE_BASE + code.toLowerCase().replace('_', '-'))
                .add("title", messageEn)
                .add("status", status)
                .add("detail", messageZh + " / " + messageEn)
                .add("code", code)
                .add("messageZh", messageZh)
                .add("messageEn", messageEn);
        if (!problems.isEmpty()) {
            b.add("problems", toJson(problems));
        }
        if (extra != null) {
            extra.forEach(b::add);
        }
        return b.build();
    }

    public static JsonArrayBuilder toJson(List<Problem> problems) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Problem p : problems) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("code", p.code().name())
                    .add("severity", p.severity().name());
            if (p.field() != null) {
                o.add("field", p.field());
            }
            if (p.position() != null) {
                o.add("position", p.position());
            }
            array.add(o.add("messageZh", p.messageZh()).add("messageEn", p.messageEn()));
        }
        return array;
    }
}
