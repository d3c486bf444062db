package tw.gov.sms.routing.domain;

/** Taiwan's three mobile network operators since December 2023 (DOMAIN.md). */
public enum Carrier {
    CHT("中華電信", "Chunghwa Telecom"),
    TWM("台灣大哥大", "Taiwan Mobile"),
    FET("遠傳電信", "FarEasTone");

    private final String nameZh;
    private final String nameEn;

    Carrier(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
