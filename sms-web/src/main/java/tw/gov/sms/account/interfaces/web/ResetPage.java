package tw.gov.sms.account.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.CredentialService;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * Forgotten password (R6.3): ask for a one-time, time-limited link by username (the answer is the same
 * whether or not the name exists), then, opened from the mail with {@code ?token=}, set a new password.
 * The rules are {@code CredentialService}'s, the same as {@code /api/v1/session/reset}.
 */
@Named
@ViewScoped
public class ResetPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CredentialService credentials;

    @Inject
    SourceAddresses sources;

    @Inject
    LocaleSwitch locale;

    private String token;
    private String username;
    private String proposed;
    private String repeated;
    private boolean requested;

    public void request() {
        credentials.requestReset(username, source());
        requested = true;
    }

    public void complete() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (proposed == null || !proposed.equals(repeated)) {
            String text = locale.isEnglish() ? "The two new passwords differ." : "兩次輸入的新密碼不一致。";
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            return;
        }
        try {
            credentials.completeReset(token, proposed, source());
        } catch (AccountException e) {
            String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
            for (AccountException.Detail d : e.details()) {
                String detail = locale.isEnglish() ? d.messageEn() : d.messageZh();
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, detail, detail));
            }
            return;
        }
        ExternalContext external = faces.getExternalContext();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?ended=password");
    }

    private String source() {
        return sources.of((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    public boolean isWithToken() {
        return token != null && !token.isBlank();
    }

    public boolean isRequested() {
        return requested;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
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
