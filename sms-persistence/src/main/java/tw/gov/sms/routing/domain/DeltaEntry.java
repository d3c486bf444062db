package tw.gov.sms.routing.domain;

import java.util.Objects;

/**
 * One line of a number-portability delta: the number was ported to {@code carrier} (PORT), or returned to its
 * original holder (REMOVE, {@code carrier} is null).
 */
public record DeltaEntry(Operation operation, int key, Carrier carrier) {

    public enum Operation {
        PORT,
        REMOVE
    }

    public DeltaEntry {
        Objects.requireNonNull(operation);
        if (key < 0 || key >= MobileNumbers.KEY_LIMIT) {
            throw new IllegalArgumentException("not a mobile number key: " + key);
        }
        if ((operation == Operation.PORT) != (carrier != null)) {
            throw new IllegalArgumentException("a port names its carrier, a removal does not");
        }
    }

    public static DeltaEntry port(String national, Carrier carrier) {
        return new DeltaEntry(Operation.PORT, requireKey(national), Objects.requireNonNull(carrier));
    }

    public static DeltaEntry remove(String national) {
        return new DeltaEntry(Operation.REMOVE, requireKey(national), null);
    }

    public String national() {
        return MobileNumbers.nationalOf(key);
    }

    private static int requireKey(String national) {
        int key = MobileNumbers.keyOf(national);
        if (key < 0) {
            throw new IllegalArgumentException("not a canonical mobile number: " + national);
        }
        return key;
    }
}
