package tw.gov.sms.account.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.identity.IpRange;
import tw.gov.sms.identity.IpRangeException;

/**
 * Answers "may this address reach the platform for this agency?" (R9.1, default deny). Approved entries
 * are read from the database and kept for {@link #TTL}, so a decision takes effect on every instance of
 * a deployment group within seconds (at once on the instance that made it). System administrators are
 * admitted from the configured administrative networks ({@code sms.security.admin-networks}).
 */
@ApplicationScoped
public class AllowList {

    private static final Logger LOG = Logger.getLogger(AllowList.class.getName());
    static final Duration TTL = Duration.ofSeconds(10);

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    AccountSettings settings;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.EPOCH);
    private List<IpRange> adminNetworks = List.of();

    private record Snapshot(Map<Long, List<IpRange>> byAgency, Instant loadedAt) {}

    @PostConstruct
    void readAdminNetworks() {
        List<IpRange> ranges = new ArrayList<>();
        for (String cidr : settings.adminNetworks()) {
            try {
                ranges.add(IpRange.parse(cidr));
            } catch (IpRangeException e) {
                throw new IllegalStateException("sms.security.admin-networks: " + e.en(), e);
            }
        }
        adminNetworks = List.copyOf(ranges);
    }

    /** Whether the actor may act from its source address. The platform itself is always admitted. */
    public boolean admits(Actor actor) {
        return switch (actor.kind()) {
            case SYSTEM -> true;
            case API_CLIENT -> admitsAgency(actor.agency(), actor.sourceAddress());
            case USER ->
                actor.role() == tw.gov.sms.account.domain.Role.SYSTEM_ADMIN
                        ? admitsAdministrator(actor.sourceAddress())
                        : actor.agency() != null && admitsAgency(actor.agency(), actor.sourceAddress());
        };
    }

    /** A person's account: system administrators from the administrative networks, others by their agency's list. */
    public boolean admitsAccount(tw.gov.sms.account.domain.Account account, String address) {
        if (account.getRole() == tw.gov.sms.account.domain.Role.SYSTEM_ADMIN) {
            return admitsAdministrator(address);
        }
        return account.getAgencyId() != null && admitsAgency(new AgencyId(account.getAgencyId()), address);
    }

    public boolean admitsAdministrator(String address) {
        return address != null && adminNetworks.stream().anyMatch(r -> r.contains(address));
    }

    public boolean admitsAgency(AgencyId agency, String address) {
        if (address == null) {
            return false;
        }
        List<IpRange> ranges = current().byAgency().getOrDefault(agency.value(), List.of());
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** The agency's approved ranges in canonical CIDR form (for the SFTP server's per-key {@code from=}). */
    public List<String> approvedRanges(AgencyId agency) {
        return current().byAgency().getOrDefault(agency.value(), List.of()).stream()
                .map(IpRange::toString)
                .toList();
    }

    /** Called after a decision, so this instance applies it at once. */
    public void invalidate() {
        snapshot = new Snapshot(Map.of(), Instant.EPOCH);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s.loadedAt().plus(TTL).isAfter(Instant.now())) {
            return s;
        }
        synchronized (this) {
            if (snapshot.loadedAt().plus(TTL).isAfter(Instant.now())) {
                return snapshot;
            }
            snapshot = load();
            return snapshot;
        }
    }

    private Snapshot load() {
        Map<Long, List<IpRange>> byAgency = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select agency_id, cidr from ip_allow_entry where state = 'APPROVED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    byAgency.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(IpRange.parse(rs.getString(2)));
                } catch (IpRangeException e) {
                    LOG.log(Level.SEVERE, "ignoring an unreadable allow-list entry " + rs.getString(2), e);
                }
            }
        } catch (SQLException e) {
            // Default deny: without the list, nothing is admitted rather than everything.
            LOG.log(Level.SEVERE, "cannot read the IP allow-list; denying until it can be read", e);
            return new Snapshot(Map.of(), Instant.EPOCH);
        }
        return new Snapshot(Map.copyOf(byAgency), Instant.now());
    }
}
