package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.application.RecipientInput;
import tw.gov.sms.sending.application.SubmissionRequest;
import tw.gov.sms.sending.application.SubmissionService;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * Delivers one-time login codes: by e-mail through the configured mail session, or by SMS through the
 * one submission service as a test message, so it goes out with the test sender id and never from
 * {@code 111} (R11.3) and is never billed.
 */
@Stateless
public class OneTimeCodeSender {

    @Inject
    Mailer mailer;

    @Inject
    SubmissionService submissions;

    @Inject
    AccountSettings settings;

    public void byEmail(Account account, String code) {
        long minutes = settings.codeLifetime().toMinutes();
        mailer.send(
                account.getEmail(),
                "111 簡訊平台登入驗證碼 / 111 SMS platform login code",
                "您的登入驗證碼為 " + code + "，" + minutes + " 分鐘內有效。若非您本人登入，請立即通知系統管理者。\n\n"
                        + "Your login code is " + code + ", valid for " + minutes + " minutes. If you did not try to"
                        + " log in, tell the system administrators at once.\n");
    }

    public void bySms(Account account, AgencyId agency, String code) {
        submissions.submit(new SubmissionRequest(
                agency,
                null,
                Channel.PORTAL,
                List.of(new RecipientInput(account.getMobile(), java.util.Map.of())),
                "登入驗證碼 " + code + "，" + settings.codeLifetime().toMinutes() + " 分鐘內有效，請勿告知他人。",
                null,
                10,
                true,
                null));
    }
}
