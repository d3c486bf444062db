package tw.gov.sms.identity;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * A QR code as a small SVG: one {@code <path>} of dark modules on a white square, measured in modules (the 4-module
 * quiet zone included), sharp at any size. No image library and no AWT; pages embed it inline or as {@link #dataUri}.
 */
public final class QrCode {

    static final int QUIET_ZONE = 4;
    private static final String DEFAULT_LABEL = "QR code";

    private QrCode() {}

    public static String svg(String text) {
        return svg(text, DEFAULT_LABEL);
    }

    /**
     * @param ariaLabel what a screen reader announces, e.g. 「驗證器應用程式設定用 QR Code」
     * @throws IllegalArgumentException when {@code text} does not fit in a QR code
     */
    public static String svg(String text, String ariaLabel) {
        BitMatrix matrix = matrix(text);
        int size = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M')
                        .append(start)
                        .append(' ')
                        .append(y)
                        .append('h')
                        .append(run)
                        .append("v1h-")
                        .append(run)
                        .append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" width=\""
                + size * 4 + "\" height=\"" + size * 4 + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\""
                + escape(ariaLabel == null ? DEFAULT_LABEL : ariaLabel) + "\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** {@code data:image/svg+xml;base64,...}, for an {@code <img src>}. */
    public static String dataUri(String text) {
        return dataUri(text, DEFAULT_LABEL);
    }

    public static String dataUri(String text, String ariaLabel) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(text, ariaLabel).getBytes(StandardCharsets.UTF_8));
    }

    /** Error correction M; UTF-8 (announced by an ECI) only when the text is not plain ASCII. */
    static BitMatrix matrix(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code (" + text.length() + " chars)", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
