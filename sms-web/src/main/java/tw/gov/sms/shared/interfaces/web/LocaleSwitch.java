package tw.gov.sms.shared.interfaces.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;

/** The portal's language: Traditional Chinese by default, English on request, for the whole session. */
@Named
@SessionScoped
public class LocaleSwitch implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Locale CHINESE = Locale.TRADITIONAL_CHINESE;

    private Locale locale = CHINESE;

    public Locale getLocale() {
        return locale;
    }

    public boolean isEnglish() {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** The value of the page's {@code lang} attribute. */
    public String getLanguageTag() {
        return isEnglish() ? "en" : "zh-Hant-TW";
    }

    /** Switches the language and reloads the same page with its view parameters (e.g. a job's {@code ?id=}). */
    public void toggle() throws IOException {
        locale = isEnglish() ? CHINESE : Locale.ENGLISH;
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getViewRoot().setLocale(locale);
        String url = faces.getApplication()
                .getViewHandler()
                .getBookmarkableURL(faces, faces.getViewRoot().getViewId(), java.util.Map.of(), true);
        faces.getExternalContext().redirect(url);
    }
}
