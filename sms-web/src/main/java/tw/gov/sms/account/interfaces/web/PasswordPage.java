package tw.gov.sms.account.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.CredentialService;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * Changing one's password (first login, an administrator's reset, or a password past its age): the
 * policy is {@code CredentialService}'s. Afterwards the person logs in again with the new password.
 */
@Named
@RequestScoped
public class PasswordPage {

    @Inject
    CredentialService credentials;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private String current;
    private String proposed;
    private String repeated;

    public void change() throws IOException, ServletException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (proposed == null || !proposed.equals(repeated)) {
            String text = locale.isEnglish() ? "The two new passwords differ." : "兩次輸入的新密碼不一致。";
            faces.addMessage("password:repeated", new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            return;
        }
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            credentials.changePassword(session.actor(request), current, proposed);
        } catch (AccountException e) {
            String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            for (AccountException.Detail d : e.details()) {
                String detail = locale.isEnglish() ? d.messageEn() : d.messageZh();
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, detail, detail));
            }
            return;
        }
        request.logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?ended=password");
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getProposed() {
        return proposed;
    }

    public void setProposed(String proposed) {
        this.proposed = proposed;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
