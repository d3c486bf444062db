package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SheetTest {

    private static final List<Column> ONE = List.of(new Column("n", "數", "N", Column.Kind.INTEGER));

    @Test
    void sanitisesTheWorksheetName() {
        assertThat(name("2026/10:統計?")).isEqualTo("2026_10_統計_");
        assertThat(name("'引號'")).isEqualTo("引號");
        assertThat(name(" ' ")).isEqualTo("Sheet");
        assertThat(name("history")).isEqualTo("History_");
        assertThat(name("a".repeat(30) + "😀")).isEqualTo("a".repeat(30));
        assertThat(Sheet.withSuffix("b".repeat(31), " (2)")).isEqualTo("b".repeat(27) + " (2)");
    }

    @Property
    void anyNameBecomesOneExcelAccepts(@ForAll String raw) {
        String name = name(raw);
        assertThat(name).isNotEmpty().hasSizeLessThanOrEqualTo(31).isEqualTo(name.strip());
        assertThat(name).doesNotStartWith("'").doesNotEndWith("'");
        assertThat(name.chars()).noneMatch(c -> "\\/?*[]:".indexOf(c) >= 0 || c < 0x20);
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - 1))).isFalse();
    }

    @Test
    void refusesDuplicateKeysAndNoColumns() {
        assertThatThrownBy(() -> new Sheet("s", "t", "", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sheet("s", "t", "", List.of(), List.of(ONE.get(0), ONE.get(0))))
                .hasMessageContaining("duplicate column key n");
    }

    @Test
    void joinsTheTitles() {
        assertThat(new Sheet("s", "統計", "Statistics", List.of(), ONE).title()).isEqualTo("統計 Statistics");
        assertThat(new Sheet("s", "統計", "", List.of(), ONE).title()).isEqualTo("統計");
    }

    private static String name(String raw) {
        return new Sheet(raw, "t", "", List.of(), ONE).name();
    }
}
