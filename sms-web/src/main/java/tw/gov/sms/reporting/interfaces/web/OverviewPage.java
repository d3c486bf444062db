package tw.gov.sms.reporting.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.reporting.application.DashboardService;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * The MODA dashboard (issue 8 item 8): every agency at a glance, today's volume, delivery rate and quota
 * used and left, with a bar chart of today's messages by agency and a line chart of the last 14 days. The
 * tables are the charts' text alternative. The figures and their sight are {@link DashboardService}'s.
 */
@Named
@RequestScoped
public class OverviewPage {

    /** Days in the trend chart. */
    static final int DAYS = 14;
    /** Agencies in the bar chart; the table lists them all. */
    static final int BARS = 10;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    @Inject
    PortalSession session;

    @Inject
    DashboardService dashboard;

    private List<DashboardService.AgencyOverview> agencies = List.of();
    private List<DashboardService.DayVolume> days = List.of();
    private String barChart;
    private String lineChart;

    @PostConstruct
    void load() {
        Actor actor = session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
        agencies = dashboard.agencyOverview(actor);
        days = dashboard.dailyVolume(actor, DAYS);
        List<DashboardService.AgencyOverview> busiest =
                agencies.stream().filter(a -> a.recipients() > 0).limit(BARS).toList();
        barChart = ChartConfig.bar(
                PageMessages.text("sys", "overview.barTitle"),
                busiest.stream().map(DashboardService.AgencyOverview::agency).toList(),
                PageMessages.text("sys", "overview.recipients"),
                busiest.stream()
                        .map(DashboardService.AgencyOverview::recipients)
                        .toList(),
                PageMessages.text("sys", "overview.recipients"));
        lineChart = ChartConfig.volumeAndRate(
                PageMessages.text("sys", "overview.lineTitle"),
                days.stream().map(d -> DAY.format(d.day())).toList(),
                PageMessages.text("sys", "overview.messages"),
                days.stream().map(DashboardService.DayVolume::messages).toList(),
                PageMessages.text("sys", "overview.ratePercent"),
                days.stream().map(DashboardService.DayVolume::rate).toList(),
                PageMessages.text("sys", "overview.messages"),
                PageMessages.text("sys", "overview.ratePercent"));
    }

    public List<DashboardService.AgencyOverview> getAgencies() {
        return agencies;
    }

    public List<DashboardService.DayVolume> getDays() {
        return days;
    }

    /** Whether any agency sent today (otherwise the bar chart is replaced by a sentence). */
    public boolean isAnyToday() {
        return agencies.stream().anyMatch(a -> a.recipients() > 0);
    }

    public long getTotalRecipients() {
        return agencies.stream()
                .mapToLong(DashboardService.AgencyOverview::recipients)
                .sum();
    }

    public long getTotalDelivered() {
        return agencies.stream()
                .mapToLong(DashboardService.AgencyOverview::delivered)
                .sum();
    }

    public String getBarChart() {
        return barChart;
    }

    public String getLineChart() {
        return lineChart;
    }
}
