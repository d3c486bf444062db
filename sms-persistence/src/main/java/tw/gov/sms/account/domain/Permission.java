package tw.gov.sms.account.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fine-grained permissions (issue 6, item 1). Their {@link #code()} is what tokens carry in
 * {@code groups} and what {@code @RolesAllowed} names, so the API and the portal check the same words.
 */
public enum Permission {
    SEND("send", "發送簡訊", "send messages"),
    SCHEDULE("schedule", "預約發送", "schedule sends"),
    VIEW("view", "查看發送紀錄", "view sending records"),
    EXPORT("export", "匯出", "export records"),
    CONTACTS("contacts", "管理通訊錄", "manage contacts"),
    REPORTS("reports", "查看報表", "view reports"),
    QUOTA("quota", "管理額度", "manage quota");

    private final String code;
    private final String zh;
    private final String en;

    Permission(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public static Optional<Permission> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** Parses a stored comma-separated list; unknown words are ignored (a permission may be retired). */
    public static Set<Permission> parse(String stored) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        if (stored != null) {
            for (String word : stored.split(",")) {
                ofCode(word.strip()).ifPresent(set::add);
            }
        }
        return set;
    }

    public static String format(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::code).collect(Collectors.joining(","));
    }
}
