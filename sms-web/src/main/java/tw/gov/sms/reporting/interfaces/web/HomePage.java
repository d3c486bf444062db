package tw.gov.sms.reporting.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.reporting.application.DashboardService;

/** The dashboard every role lands on: today's volume, quota used and left, delivery rate, recent jobs. */
@Named
@RequestScoped
public class HomePage {

    @Inject
    PortalSession session;

    @Inject
    DashboardService dashboard;

    @Inject
    QuotaService quota;

    private DashboardService.Today today;
    private QuotaService.View quotaView;
    private List<DashboardService.RecentJob> recentJobs;
    private List<DashboardService.AgencyToday> agencies;

    @PostConstruct
    void load() {
        Actor actor = session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
        today = dashboard.today(actor);
        recentJobs = dashboard.recentJobs(actor, 10);
        agencies = dashboard.agenciesToday(actor);
        quotaView = actor.agency() == null ? null : quota.view(actor, null);
    }

    public DashboardService.Today getToday() {
        return today;
    }

    public QuotaService.View getQuota() {
        return quotaView;
    }

    public List<DashboardService.RecentJob> getRecentJobs() {
        return recentJobs;
    }

    public List<DashboardService.AgencyToday> getAgencies() {
        return agencies;
    }
}
