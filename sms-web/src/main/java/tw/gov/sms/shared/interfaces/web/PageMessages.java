package tw.gov.sms.shared.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import tw.gov.sms.account.application.AccountException;

/**
 * Messages of a page's form, as the allow-list page shows them: a refusal of an application service in the
 * session's language with its stable code (the service writes both languages), a confirmation from the
 * page's bundle. Messages go to the form's own list ({@code <form>:errors}), next to what was done.
 */
public final class PageMessages {

    private PageMessages() {}

    /** The service's refusal, in Traditional Chinese or English as the session reads, with its code. */
    public static void error(String formId, AccountException e, boolean english) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = english ? e.messageEn() : e.messageZh();
        faces.addMessage(formId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
        // Then each detail of an invalid form or list (e.g. every wrong entry with where it is).
        for (AccountException.Detail d : e.details()) {
            String detail = english ? d.messageEn() : d.messageZh();
            faces.addMessage(
                    formId, new FacesMessage(FacesMessage.SEVERITY_ERROR, detail, detail + " (" + d.code() + ")"));
        }
    }

    /** A confirmation: the bundle text of {@code key}, then {@code subject} (e.g. the prefix just saved). */
    public static void info(String formId, String bundleVar, String key, String subject) {
        String text = text(bundleVar, key) + (subject == null ? "" : " " + subject);
        FacesContext.getCurrentInstance().addMessage(formId, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    /** A text of a registered bundle ({@code faces-config.xml}) in the view's locale. */
    public static String text(String bundleVar, String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, bundleVar).getString(key);
    }
}
