package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.domain.content.ComposedMessage;
import tw.gov.sms.sending.domain.content.ContentEngine;
import tw.gov.sms.sending.domain.content.SegmentPlan;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/** Previews a send exactly as {@link SubmissionService} would compose it; stores and sends nothing. */
@Stateless
public class PreviewService {

    /** A preview answers for at most this many recipients; the send itself has no such limit. */
    public static final int MAX_ITEMS = 100;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ContentEngine content;

    public Preview preview(AgencyId agencyId, List<RecipientInput> recipients, String text) {
        Agency agency = em.find(Agency.class, agencyId.value());
        if (agency == null || !agency.isActive()) {
            return new Preview(List.of(Problem.of(ProblemCode.AGENCY_DISABLED, "agency", null)), List.of(), 0, false);
        }
        String name = agency.getDisplayName();
        List<Problem> templateProblems = content.checkTemplate(name, text);
        List<Preview.Item> items = new ArrayList<>();
        if (recipients.isEmpty()) {
            items.add(item(null, null, content.compose(name, text, null, Map.of())));
        }
        for (int i = 0; i < recipients.size() && items.size() < MAX_ITEMS; i++) {
            RecipientInput input = recipients.get(i);
            NumberParseResult parsed = MsisdnParser.parse(input.number(), "recipients[" + i + "]");
            if (!parsed.ok()) {
                items.add(new Preview.Item(i, input.number(), null, null, 0, List.of(), List.of(parsed.problem())));
                continue;
            }
            items.add(item(i, parsed.msisdn(), content.compose(name, text, parsed.msisdn(), input.values())));
        }
        return new Preview(templateProblems, items, recipients.size(), recipients.size() > MAX_ITEMS);
    }

    private static Preview.Item item(Integer index, Msisdn recipient, ComposedMessage m) {
        SegmentPlan plan = m.plan();
        List<Preview.Segment> segments = new ArrayList<>();
        if (plan != null) {
            List<Integer> starts = plan.boundaries();
            List<Integer> units = plan.segmentUnits();
            for (int s = 0; s < plan.count(); s++) {
                segments.add(new Preview.Segment(
                        s + 1, starts.get(s), plan.segments().get(s), units.get(s)));
            }
        }
        return new Preview.Item(
                index,
                recipient == null ? null : recipient.masked(),
                m.fullText(),
                plan == null ? null : plan.encoding().name(),
                plan == null ? 0 : plan.units(),
                segments,
                m.problems());
    }
}
