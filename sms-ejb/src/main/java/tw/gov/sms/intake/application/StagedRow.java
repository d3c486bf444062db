package tw.gov.sms.intake.application;

/** A valid row of a file, ready to become a message: number (hashed and encrypted), text and segments. */
public record StagedRow(
        byte[] msisdnHash, byte[] msisdnCipher, byte[] textCipher, short keyVersion, String encoding, int segments) {}
