package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tw.gov.sms.identity.PasswordProblem.BLANK;
import static tw.gov.sms.identity.PasswordProblem.CONTAINS_USERNAME;
import static tw.gov.sms.identity.PasswordProblem.REUSED;
import static tw.gov.sms.identity.PasswordProblem.TOO_FEW_CHARACTER_CLASSES;
import static tw.gov.sms.identity.PasswordProblem.TOO_LONG;
import static tw.gov.sms.identity.PasswordProblem.TOO_SHORT;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = PasswordPolicy.DEFAULT;

    private static String weakHash(String password) {
        return PasswordHasher.hash(password.toCharArray(), 1_000);
    }

    @Test
    void defaultsAreTheBaselineOfAHighSystem() {
        assertThat(POLICY).isEqualTo(new PasswordPolicy(12, 128, 3, 3));
    }

    @Test
    void acceptsAStrongPassword() {
        assertThat(POLICY.check("Tainan-Harbour-2024", "alice", List.of())).isEmpty();
        assertThat(POLICY.check("tainan-harbour 2024", "alice", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n ", "\u3000\u3000"})
    void blankIsTheOnlyProblemOfABlankPassword(String blank) {
        assertThat(POLICY.check(blank, "alice", List.of())).containsExactly(BLANK);
        assertThat(POLICY.check(null, "alice", List.of())).containsExactly(BLANK);
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        assertThat(POLICY.check("Abc-1234567", null, List.of())).containsExactly(TOO_SHORT);
        assertThat(POLICY.check("Abc-12345678", null, List.of())).isEmpty();
        assertThat(POLICY.check("臺灣Abc-1234567", null, List.of())).isEmpty();
        assertThat(POLICY.check("𠀀𠀀𠀀𠀀𠀀A1a", null, List.of())).containsExactly(TOO_SHORT);
        assertThat(POLICY.check("a".repeat(119) + "A1-𠀀𠀀𠀀𠀀𠀀𠀀𠀀", null, List.of()))
                .containsExactly(TOO_LONG);
        assertThat(POLICY.check("a".repeat(119) + "A1-𠀀𠀀𠀀𠀀𠀀𠀀", null, List.of()))
                .isEmpty();
    }

    @Test
    void requiresThreeOfFourCharacterClasses() {
        assertThat(POLICY.check("abcdefghijkl", null, List.of())).containsExactly(TOO_FEW_CHARACTER_CLASSES);
        assertThat(POLICY.check("abcdefgh1234", null, List.of())).containsExactly(TOO_FEW_CHARACTER_CLASSES);
        assertThat(POLICY.check("ABCDEFGH    ", null, List.of())).containsExactly(TOO_FEW_CHARACTER_CLASSES);
        assertThat(POLICY.check("abcdefgh123!", null, List.of())).isEmpty();
        assertThat(POLICY.check("ABCDEFGH123a", null, List.of())).isEmpty();
        assertThat(POLICY.check("abcdefgh政府12", null, List.of())).isEmpty();
        assertThat(PasswordPolicy.characterClasses("Aa1!")).isEqualTo(4);
        assertThat(PasswordPolicy.characterClasses("  \u3000")).isZero();
    }

    @Test
    void refusesTheUserNameInAnyCase() {
        assertThat(POLICY.check("Xx-ALICE-2024!", "alice", List.of())).containsExactly(CONTAINS_USERNAME);
        assertThat(POLICY.check("Xx-alice-2024!", "Alice@moi.gov.tw", List.of()))
                .containsExactly(CONTAINS_USERNAME);
        assertThat(POLICY.check("Xx-bo-2024-bo!", "bo", List.of())).isEmpty();
        assertThat(POLICY.check("Xx-Alicia-2024!", "alice", List.of())).isEmpty();
    }

    @Test
    void refusesAnyOfTheLastThreePasswords() {
        List<String> history = List.of(
                weakHash("Current-Pass-1"),
                weakHash("Previous-Pass-2"),
                weakHash("Older-Pass-3"),
                weakHash("Oldest-Pass-4"));

        assertThat(POLICY.check("Current-Pass-1", "alice", history)).containsExactly(REUSED);
        assertThat(POLICY.check("Previous-Pass-2", "alice", history)).containsExactly(REUSED);
        assertThat(POLICY.check("Older-Pass-3", "alice", history)).containsExactly(REUSED);
        assertThat(POLICY.check("Oldest-Pass-4", "alice", history)).isEmpty();
        assertThat(POLICY.check("Brand-New-Pass-5", "alice", history)).isEmpty();
        assertThat(new PasswordPolicy(12, 128, 0, 3).check("Current-Pass-1", "alice", history))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(POLICY.check("alice", "alice", List.of(weakHash("alice"))))
                .containsExactly(TOO_SHORT, TOO_FEW_CHARACTER_CLASSES, CONTAINS_USERNAME, REUSED);
    }

    @Test
    void messagesCarryThePolicysNumbers() {
        assertThat(TOO_SHORT.zh(POLICY)).isEqualTo("密碼至少需 12 個字元");
        assertThat(TOO_SHORT.en(POLICY)).isEqualTo("The password must be at least 12 characters long.");
        PasswordPolicy strict = new PasswordPolicy(16, 64, 5, 4);
        assertThat(TOO_SHORT.zh(strict)).isEqualTo("密碼至少需 16 個字元");
        assertThat(TOO_LONG.en(strict)).isEqualTo("The password must be at most 64 characters long.");
        assertThat(REUSED.zh(strict)).isEqualTo("新密碼不可與最近 5 次使用過的密碼相同");
        assertThat(TOO_FEW_CHARACTER_CLASSES.zh(strict)).contains("至少 4 類");
        assertThat(TOO_FEW_CHARACTER_CLASSES.en(strict)).contains("at least 4 of");
    }

    @Test
    void everyProblemHasAStableCodeAndBothMessages() {
        assertThat(Arrays.stream(PasswordProblem.values()).map(PasswordProblem::code))
                .containsExactly(
                        "PASSWORD_BLANK",
                        "PASSWORD_TOO_SHORT",
                        "PASSWORD_TOO_LONG",
                        "PASSWORD_TOO_FEW_CHARACTER_CLASSES",
                        "PASSWORD_CONTAINS_USERNAME",
                        "PASSWORD_REUSED");
        for (PasswordProblem problem : PasswordProblem.values()) {
            assertThat(problem.zh(POLICY)).isNotBlank().doesNotContain("%");
            assertThat(problem.en(POLICY)).isNotBlank().doesNotContain("%");
        }
    }

    @Test
    void refusesAnImpossiblePolicy() {
        assertThatThrownBy(() -> new PasswordPolicy(0, 128, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(12, 11, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(12, 128, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(12, 128, 3, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void lengthRulesAgreeWithTheCodePointCount(@ForAll @StringLength(max = 200) String candidate) {
        List<PasswordProblem> problems = POLICY.check(candidate, null, List.of());
        int length = candidate.codePointCount(0, candidate.length());

        if (candidate.isBlank()) {
            assertThat(problems).containsExactly(BLANK);
        } else {
            assertThat(problems.contains(TOO_SHORT)).isEqualTo(length < 12);
            assertThat(problems.contains(TOO_LONG)).isEqualTo(length > 128);
            assertThat(problems).doesNotContain(BLANK, REUSED, CONTAINS_USERNAME);
        }
    }
}
