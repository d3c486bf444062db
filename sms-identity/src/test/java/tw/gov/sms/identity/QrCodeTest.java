package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrCodeTest {

    private static final String URI =
            OtpAuthUri.of("111 政府簡訊平台", "alice@moi.gov.tw", "12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void isOnePathOfModulesOnAWhiteSquareSizedInModules() throws Exception {
        String svg = QrCode.svg(URI, "驗證器應用程式設定用 QR Code");
        int modules = Encoder.encode(URI, ErrorCorrectionLevel.M).getMatrix().getWidth();
        int size = modules + 2 * QrCode.QUIET_ZONE;

        Element root = parse(svg).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);
        assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-label")).isEqualTo("驗證器應用程式設定用 QR Code");
        assertThat(root.getElementsByTagName("path").getLength()).isEqualTo(1);
        assertThat(URI).hasSize(236);
        assertThat(modules).isEqualTo(61); // version 11, the smallest holding 236 bytes at level M
    }

    @ParameterizedTest
    @ValueSource(strings = {"otpauth://totp/x:y?secret=GEZDGNBV", "111 政府簡訊平台", "https://sms.example.gov.tw/"})
    void decodesBackToTheText(String text) throws Exception {
        assertThat(decode(QrCode.svg(text))).isEqualTo(text);
    }

    @Test
    void decodesTheEnrolmentUri() throws Exception {
        assertThat(decode(QrCode.svg(URI))).isEqualTo(URI);
    }

    @Test
    void keepsTheQuietZoneClear() throws Exception {
        boolean[][] grid = grid(QrCode.svg(URI));
        int size = grid.length;

        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inQuietZone = x < 4 || y < 4 || x >= size - 4 || y >= size - 4;
                if (inQuietZone) {
                    assertThat(grid[y][x]).as("module %d,%d", x, y).isFalse();
                }
            }
        }
        assertThat(grid[4][4]).isTrue(); // corner of the top-left finder pattern
    }

    @Test
    void escapesTheLabel() throws Exception {
        String svg = QrCode.svg("x", "<a & \"b\">");

        assertThat(parse(svg).getDocumentElement().getAttribute("aria-label")).isEqualTo("<a & \"b\">");
    }

    @Test
    void dataUriIsTheSvgInBase64() {
        String uri = QrCode.dataUri(URI);

        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg = new String(
                Base64.getDecoder().decode(uri.substring("data:image/svg+xml;base64,".length())),
                StandardCharsets.UTF_8);
        assertThat(svg).isEqualTo(QrCode.svg(URI));
    }

    @Test
    void refusesTextTooLongForAQrCode() {
        assertThatThrownBy(() -> QrCode.svg("x".repeat(5_000))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The modules the path draws, [y][x]. */
    private static boolean[][] grid(String svg) throws Exception {
        Element root = parse(svg).getDocumentElement();
        int size = Integer.parseInt(root.getAttribute("viewBox").split(" ")[2]);
        String d = ((Element) root.getElementsByTagName("path").item(0)).getAttribute("d");
        boolean[][] grid = new boolean[size][size];
        Matcher run = RUN.matcher(d);
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).isEqualTo(end);
            end = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int i = 0; i < length; i++) {
                grid[y][x + i] = true;
            }
        }
        assertThat(end).isEqualTo(d.length());
        return grid;
    }

    /** Rasterises the path at 4 pixels a module and reads it with zxing's own decoder. */
    private static String decode(String svg) throws Exception {
        boolean[][] grid = grid(svg);
        int scale = 4;
        int pixels = grid.length * scale;
        int[] argb = new int[pixels * pixels];
        for (int py = 0; py < pixels; py++) {
            for (int px = 0; px < pixels; px++) {
                argb[py * pixels + px] = grid[py / scale][px / scale] ? 0xff000000 : 0xffffffff;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, pixels, argb)));
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }
}
