package tw.gov.sms.quota.interfaces.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.YearMonth;
import java.util.logging.Logger;
import tw.gov.sms.quota.application.BillingService;

/**
 * Produces the monthly bills of one month (R11.2): settles whatever is final and not yet settled, then
 * writes one bill per agency with paid traffic. Safe to run again: a closed month gives the same figures.
 */
@Named
@Dependent
public class MonthlyBillBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(MonthlyBillBatchlet.class.getName());

    @Inject
    @BatchProperty
    String month;

    @Inject
    BillingService billing;

    @Override
    public String process() {
        BillingService.Run run = billing.settleAndRun(YearMonth.parse(month));
        LOG.info(() -> "monthly bills of " + run.month() + ": " + run.bills() + " written, " + run.unchanged()
                + " unchanged from an earlier run, " + run.changed() + " changed");
        return "BILLED";
    }
}
