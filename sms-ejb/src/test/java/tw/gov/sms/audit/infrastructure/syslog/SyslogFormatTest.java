package tw.gov.sms.audit.infrastructure.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tw.gov.sms.audit.domain.ActorKind;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.ChainedEvent;
import tw.gov.sms.audit.domain.Outcome;

class SyslogFormatTest {

    private static final String PREV = "00".repeat(32);
    private static final String HASH = "ab".repeat(32);
    private static final Instant T = Instant.parse("2026-03-01T02:03:04.123456Z");

    private final SyslogFormat format = new SyslogFormat("app01", "sms-111", SyslogFormat.DEFAULT_SD_ID);

    @Test
    void writesAnRfc5424MessageWithTheChainAndTheActorInStructuredData() {
        String m = format.message(chained(42, event("王小明", "account:7", Outcome.SUCCESS, null)));

        assertThat(m)
                .isEqualTo("<109>1 2026-03-01T02:03:04.123456Z app01 sms-111 - LOGIN [audit@32473 seq=\"42\" hash=\""
                        + HASH + "\" prevHash=\"" + PREV + "\" actorKind=\"USER\" actorId=\"7\" actor=\"王小明\""
                        + " role=\"USER\" agency=\"3\" group=\"5\" action=\"LOGIN\" target=\"account:7\""
                        + " source=\"192.0.2.1\" outcome=\"SUCCESS\"]");
    }

    @Test
    void failuresAndDenialsAreWarningsAndNullFieldsAreLeftOut() {
        AuditEvent e = new AuditEvent(
                T, ActorKind.ANONYMOUS, null, "x", null, null, null, "LOGIN_FAILED", null, null, Outcome.DENIED, null);
        String m = format.message(chained(1, e));

        assertThat(m).startsWith("<108>1 ");
        assertThat(m).doesNotContain("actorId=", "role=", "agency=", "group=", "target=", "source=");
    }

    @Test
    void escapesQuoteBackslashAndClosingBracketInParameterValues() {
        assertThat(SyslogFormat.escape("a\"b\\c]d[e=f")).isEqualTo("a\\\"b\\\\c\\]d[e=f");
        String m = format.message(chained(1, event("x\"] [evil@1 a=\"b", "t\\", Outcome.SUCCESS, null)));

        assertThat(m).contains(" actor=\"x\\\"\\] [evil@1 a=\\\"b\"");
        assertThat(m).contains(" target=\"t\\\\\"");
        assertThat(m).endsWith("outcome=\"SUCCESS\"]");
    }

    @Test
    void framesByOctetCountOfTheUtf8BytesNotTheCharacters() {
        AuditEvent e = event("王小明😀", "send_job:1", Outcome.FAILURE, "原因：餘額不足\n第二行");
        byte[] frame = format.frame(chained(7, e));
        String wire = new String(frame, StandardCharsets.UTF_8);

        int space = wire.indexOf(' ');
        int declared = Integer.parseInt(wire.substring(0, space));
        byte[] message = Arrays.copyOfRange(frame, space + 1, frame.length);
        assertThat(message.length).isEqualTo(declared);
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(declared).isGreaterThan(text.length()).as("multibyte: more bytes than characters");
        assertThat(text).endsWith("] \uFEFF原因：餘額不足\n第二行");
        assertThat(text).startsWith(format.message(chained(7, e)));
    }

    @Test
    void framesAnEmptyMessageAndAnyLength() {
        assertThat(SyslogFormat.frame(new byte[0])).isEqualTo("0 ".getBytes(StandardCharsets.US_ASCII));
        byte[] big = "中".repeat(400).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(SyslogFormat.frame(big), StandardCharsets.UTF_8)).startsWith("1200 中");
    }

    @Test
    void headerFieldsArePrintableAsciiCutToTheirLimits() {
        assertThat(SyslogFormat.header("主機 a", 255)).isEqualTo("???a");
        assertThat(SyslogFormat.header("", 48)).isEqualTo("-");
        assertThat(SyslogFormat.header(null, 48)).isEqualTo("-");
        assertThat(SyslogFormat.header("A".repeat(40), 32)).hasSize(32);
        assertThatThrownBy(() -> new SyslogFormat("h", "a", "bad id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyslogFormat("h", "a", "a=b")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ChainedEvent chained(long seq, AuditEvent e) {
        return new ChainedEvent(seq, e, PREV, HASH);
    }

    private static AuditEvent event(String actor, String target, Outcome outcome, String detail) {
        return new AuditEvent(
                T, ActorKind.USER, 7L, actor, "USER", 3L, 5L, "LOGIN", target, "192.0.2.1", outcome, detail);
    }
}
