package tw.gov.sms.shared.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/** Reads request bodies strictly, so that a wrong type or broken JSON gets a precise 400, never a 500. */
public final class JsonInput {

    private JsonInput() {}

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiInputException(
                    "EMPTY_BODY", "請求內容為空，需要 JSON 物件。", "The request body is empty; a JSON object is required.");
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ApiInputException(
                        "MALFORMED_JSON", "請求內容必須是 JSON 物件。", "The request body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
            String whereZh = at == null ? "" : "（第 " + at.getLineNumber() + " 行第 " + at.getColumnNumber() + " 欄）";
            throw new ApiInputException("MALFORMED_JSON", "JSON 格式錯誤" + whereZh + "。", "Malformed JSON" + where + ".");
        } catch (JsonException e) {
            throw new ApiInputException("MALFORMED_JSON", "JSON 格式錯誤。", "Malformed JSON.");
        }
    }

    public static String string(JsonObject o, String field, boolean required) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                throw missing(field);
            }
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw wrongType(field, "字串", "a string");
    }

    public static Integer integer(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw wrongType(field, "整數", "an integer");
            }
        }
        throw wrongType(field, "整數", "an integer");
    }

    public static boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return false;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw wrongType(field, "布林值", "a boolean");
    }

    /**
     * An optional object of string values, such as a recipient's placeholder {@code values}: empty when absent,
     * in the order written; a value that is not a string names its field.
     */
    public static java.util.Map<String, String> stringMap(JsonObject o, String field, String where) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        JsonValue v = o.get(field);
        if (v instanceof JsonObject vo) {
            vo.forEach((k, x) -> {
                if (!(x instanceof JsonString xs)) {
                    throw wrongType(where + "." + field + "." + k, "字串", "a string");
                }
                values.put(k, xs.getString());
            });
        } else if (v != null && v != JsonValue.NULL) {
            throw wrongType(where + "." + field, "物件", "an object");
        }
        return values;
    }

    public static ApiInputException missing(String field) {
        return new ApiInputException(
                "FIELD_MISSING", "缺少必要欄位「" + field + "」。", "Required field '" + field + "' is missing.");
    }

    public static ApiInputException wrongType(String field, String typeZh, String typeEn) {
        return new ApiInputException(
                "FIELD_WRONG_TYPE",
                "欄位「" + field + "」必須是" + typeZh + "。",
                "Field '" + field + "' must be " + typeEn + ".");
    }
}
