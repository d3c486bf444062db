package tw.gov.sms.shared.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.LinkStatus;
import tw.gov.sms.routing.domain.Carrier;

/** Backing bean of the portal's status page: database, each carrier link, and today's traffic. */
@Named
@RequestScoped
public class PlatformStatusPage {

    @Inject
    CarrierLinks links;

    private List<ComponentStatus> components;
    private long jobsToday;
    private long messagesToday;

    public record ComponentStatus(String nameZh, String nameEn, boolean up, String detail) {}

    public List<ComponentStatus> getComponents() {
        if (components == null) {
            load();
        }
        return components;
    }

    public long getJobsToday() {
        getComponents();
        return jobsToday;
    }

    public long getMessagesToday() {
        getComponents();
        return messagesToday;
    }

    private void load() {
        components = new ArrayList<>();
        try (Connection c = ((DataSource) new InitialContext().lookup("jdbc/sms")).getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "select count(*), coalesce(sum(recipient_count), 0) from send_job"
                            + " where accepted_at >= date_trunc('day', now() at time zone 'Asia/Taipei') at time zone 'Asia/Taipei'")) {
                rs.next();
                jobsToday = rs.getLong(1);
                messagesToday = rs.getLong(2);
            }
            components.add(new ComponentStatus(
                    "資料庫",
                    "Database",
                    true,
                    c.getMetaData().getDatabaseProductName() + " "
                            + c.getMetaData().getDatabaseProductVersion()));
        } catch (Exception e) {
            components.add(
                    new ComponentStatus("資料庫", "Database", false, e.getClass().getSimpleName()));
        }
        for (Carrier carrier : Carrier.values()) {
            LinkStatus status = links.link(carrier).map(l -> l.status()).orElse(null);
            if (status == null) {
                components.add(new ComponentStatus(carrier.nameZh(), carrier.nameEn(), false, "未設定 not configured"));
            } else {
                long bound = status.binds().stream().filter(b -> b.bound()).count();
                components.add(new ComponentStatus(
                        carrier.nameZh(),
                        carrier.nameEn(),
                        status.ready(),
                        bound + "/" + status.binds().size() + " SMPP binds"));
            }
        }
    }
}
