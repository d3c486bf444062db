package tw.gov.sms.account.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.LoginService;
import tw.gov.sms.account.application.PasswordStep;
import tw.gov.sms.account.application.SessionGrant;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * The portal login (R6.5): the password, then the second factor the account uses (authenticator app,
 * e-mailed or texted code, or a recovery code). The checks are {@code LoginService}'s, the same as the
 * API's; a passed login is handed to Jakarta Security with a one-time ticket.
 */
@Named
@ViewScoped
public class LoginPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    LoginService logins;

    @Inject
    LoginTickets tickets;

    @Inject
    SecurityContext security;

    @Inject
    SourceAddresses sources;

    @Inject
    PortalSession session;

    @Inject
    tw.gov.sms.account.application.Accounts accounts;

    @Inject
    LocaleSwitch locale;

    private String username;
    private String password;
    private String code;
    private String challenge;
    private String factor;
    private String sentTo;

    public void submitPassword() {
        try {
            PasswordStep step = logins.checkPassword(username, password, source());
            challenge = step.challenge();
            factor = step.factor();
            sentTo = step.sentTo();
        } catch (AccountException e) {
            error(e);
        } finally {
            password = null;
        }
    }

    public void submitCode() throws IOException {
        SessionGrant grant;
        try {
            grant = logins.checkSecondFactor(challenge, code, source());
        } catch (AccountException e) {
            code = null;
            if ("LOGIN_CHALLENGE_EXPIRED".equals(e.code()) || "ACCOUNT_LOCKED".equals(e.code())) {
                challenge = null;
            }
            error(e);
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = security.authenticate(
                (HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new LoginTicketCredential(tickets.issue(grant)))
                        .newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS) {
            session.start(grant.actor(), displayName(grant), grant.startedAt(), grant.passwordChangeRequired());
            external.redirect(external.getRequestContextPath()
                    + (grant.passwordChangeRequired() ? "/app/password.xhtml" : "/app/home.xhtml"));
        } else if (status == AuthenticationStatus.SEND_CONTINUE) {
            session.start(grant.actor(), displayName(grant), grant.startedAt(), grant.passwordChangeRequired());
            faces.responseComplete();
        } else {
            challenge = null;
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "登入失敗。", "Login failed."));
        }
    }

    private String displayName(SessionGrant grant) {
        return accounts.byId(grant.actor().accountId())
                .map(tw.gov.sms.account.domain.Account::getDisplayName)
                .orElse(grant.actor().name());
    }

    public void restart() {
        challenge = null;
        code = null;
    }

    private String source() {
        return sources.of((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
    }

    public boolean isCodeStep() {
        return challenge != null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getFactor() {
        return factor;
    }

    public String getSentTo() {
        return sentTo;
    }
}
