package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An account group (帳號群組) of an agency; its group administrators manage its members (R6.3). */
@Entity
@Table(name = "account_group")
public class AccountGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agency_id", nullable = false)
    private Long agencyId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt = OffsetDateTime.now();

    protected AccountGroup() {}

    public AccountGroup(AgencyId agency, String name) {
        this.agencyId = agency.value();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a group needs a name");
        }
        this.name = Objects.requireNonNull(name).strip();
    }

    public Long getId() {
        return id;
    }

    public AgencyId agencyId() {
        return new AgencyId(agencyId);
    }

    public String getName() {
        return name;
    }
}
