package tw.gov.sms.sending.domain.content;

/** The data coding of a message: the whole message uses one. */
public enum Encoding {
    /** GSM 03.38 default alphabet, 7 bits per character (extension characters take two). */
    GSM7(160, 153),
    /** UTF-16 (carriers say UCS-2; characters outside the BMP travel as surrogate pairs), 2 octets per unit. */
    UCS2(70, 67);

    private final int singleUnits;
    private final int segmentUnits;

    Encoding(int singleUnits, int segmentUnits) {
        this.singleUnits = singleUnits;
        this.segmentUnits = segmentUnits;
    }

    /** Units (septets or UTF-16 units) that fit in a single, unconcatenated SMS: 160 or 70. */
    public int singleUnits() {
        return singleUnits;
    }

    /** Units per segment of a concatenated SMS, after the 6-octet header: 153 or 67. */
    public int segmentUnits() {
        return segmentUnits;
    }
}
