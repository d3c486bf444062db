package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An ordering agency (機關). Its display name is what every one of its messages starts with (R2.2). */
@Entity
@Table(name = "agency")
@NamedQuery(name = Agency.BY_CODE, query = "select a from Agency a where a.code = :code")
public class Agency {

    public static final String BY_CODE = "Agency.byCode";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 32)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "display_name", nullable = false, length = 60)
    private String displayName;

    @Column(nullable = false, length = 16)
    private String status = "ACTIVE";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt = OffsetDateTime.now();

    protected Agency() {}

    public Agency(String code, String name, String displayName) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        rename(displayName);
    }

    /** An agency may change the name its messages show, never remove it. */
    public void rename(String newDisplayName) {
        if (newDisplayName == null || newDisplayName.isBlank()) {
            throw new IllegalArgumentException("an agency display name cannot be blank");
        }
        this.displayName = newDisplayName.strip();
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    public AgencyId agencyId() {
        return new AgencyId(id);
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getStatus() {
        return status;
    }
}
