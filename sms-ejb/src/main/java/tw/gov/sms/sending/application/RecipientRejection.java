package tw.gov.sms.sending.application;

import java.util.List;
import tw.gov.sms.shared.domain.Problem;

/** A recipient that will not be sent to, with every problem found for it. */
public record RecipientRejection(int index, String number, List<Problem> problems) {}
