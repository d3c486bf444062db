package tw.gov.sms.account.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import tw.gov.sms.account.application.AccountView;
import tw.gov.sms.account.application.AllowListService.EntryView;
import tw.gov.sms.account.application.ApiClientAdministration.ClientView;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** JSON shapes of the administration resources. */
final class AdminJson {

    private AdminJson() {}

    static JsonObject account(AccountView a) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", a.id())
                .add("username", a.username())
                .add("displayName", a.displayName())
                .add("email", a.email())
                .add("role", a.role())
                .add("permissions", strings(a.permissions()))
                .add("status", a.status())
                .add("mfaKind", a.mfaKind())
                .add("locked", a.locked())
                .add("createdAt", a.createdAt().toString());
        optional(b, "agencyId", a.agencyId());
        optional(b, "groupId", a.groupId());
        optional(b, "lastLoginAt", a.lastLoginAt());
        optional(b, "mobile", a.mobile());
        return b.build();
    }

    static JsonObject entry(EntryView e) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", e.id())
                .add("agencyId", e.agencyId())
                .add("cidr", e.cidr())
                .add("state", e.state())
                .add("requestedAt", e.requestedAt().toString());
        optional(b, "note", e.note());
        optional(b, "requestedBy", e.requestedBy());
        optional(b, "decidedBy", e.decidedBy());
        optional(b, "decidedAt", e.decidedAt());
        optional(b, "decisionNote", e.decisionNote());
        return b.build();
    }

    static JsonObject client(ClientView c) {
        return Json.createObjectBuilder()
                .add("id", c.id())
                .add("clientId", c.clientId())
                .add("agencyId", c.agencyId())
                .add("name", c.name())
                .add("permissions", strings(c.permissions()))
                .add("status", c.status())
                .build();
    }

    static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    static Set<String> stringSet(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw JsonInput.wrongType(field, "字串陣列", "an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw JsonInput.wrongType(field, "字串陣列", "an array of strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    static Long longValue(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
            throw JsonInput.wrongType(field, "整數", "an integer");
        }
        return n.longValue();
    }

    private static void optional(JsonObjectBuilder b, String name, Object value) {
        if (value instanceof Long l) {
            b.add(name, l);
        } else if (value instanceof Instant i) {
            b.add(name, i.toString());
        } else if (value != null) {
            b.add(name, value.toString());
        }
    }
}
