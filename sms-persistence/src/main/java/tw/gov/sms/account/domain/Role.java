package tw.gov.sms.account.domain;

/**
 * The four roles of R6.6. The role fixes how far an account sees (R6.4); what it may do inside that
 * range is its {@link Permission} set, which a group administrator grants to the members of the group.
 */
public enum Role {
    USER("使用者", "user"),
    GROUP_ADMIN("群組管理者", "group administrator"),
    MODA_ADMIN("數位部管理者", "MODA administrator"),
    SYSTEM_ADMIN("系統管理者", "system administrator");

    private final String zh;
    private final String en;

    Role(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** Roles that belong to an account group of an agency. */
    public boolean inGroup() {
        return this == USER || this == GROUP_ADMIN;
    }

    /** MODA and system administrators see every agency's data. */
    public boolean seesAllAgencies() {
        return this == MODA_ADMIN || this == SYSTEM_ADMIN;
    }
}
