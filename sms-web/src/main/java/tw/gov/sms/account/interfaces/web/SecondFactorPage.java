package tw.gov.sms.account.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Accounts;
import tw.gov.sms.account.application.CredentialService;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * Choosing one's second factor (R6.5): set up an authenticator app (QR code, then its first code, then
 * the recovery codes, shown once), or go back to codes by e-mail or SMS. The rules are
 * {@code CredentialService}'s, the same as {@code /api/v1/session/totp} and {@code /mfa}.
 */
@Named
@ViewScoped
public class SecondFactorPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CredentialService credentials;

    @Inject
    Accounts accounts;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private CredentialService.TotpEnrolment enrolment;
    private String code;
    private List<String> recoveryCodes;

    public String getCurrent() {
        return accounts.byId(session.getAccountId())
                .map(a -> a.getMfaKind().name())
                .orElse("");
    }

    public void begin() {
        try {
            enrolment = credentials.beginTotp(actor());
            recoveryCodes = null;
        } catch (AccountException e) {
            error(e);
        }
    }

    public void confirm() {
        try {
            recoveryCodes = credentials.confirmTotp(actor(), code);
            enrolment = null;
        } catch (AccountException e) {
            error(e);
        } finally {
            code = null;
        }
    }

    public void useEmail() {
        use(Account.MfaKind.EMAIL);
    }

    public void useSms() {
        use(Account.MfaKind.SMS);
    }

    private void use(Account.MfaKind kind) {
        try {
            credentials.useCodesBy(actor(), kind);
            enrolment = null;
            recoveryCodes = null;
        } catch (AccountException e) {
            error(e);
        }
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
    }

    public CredentialService.TotpEnrolment getEnrolment() {
        return enrolment;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
