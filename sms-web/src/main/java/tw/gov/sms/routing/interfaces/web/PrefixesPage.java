package tw.gov.sms.routing.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.routing.application.PrefixAdministration;
import tw.gov.sms.routing.application.RoutingIndexService;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * The prefix table of original allocations (issue 8 item 7, R1.2): list, add, change and remove entries
 * through {@link PrefixAdministration}, as {@code PrefixResource} does, and swap the new table in on this
 * instance at once ({@link RoutingIndexService#refresh()}); the others follow within 15 seconds. Which
 * prefixes and carriers are valid, and who may edit, is the service's to say.
 */
@Named
@ViewScoped
public class PrefixesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "prefixes";

    /** One entry of the table; {@code carrier} is what the row's select holds (the edit). */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String prefix;
        private final String current;
        private String carrier;

        Row(String prefix, String current) {
            this.prefix = prefix;
            this.current = current;
            this.carrier = current;
        }

        public String getPrefix() {
            return prefix;
        }

        public String getCurrent() {
            return current;
        }

        public String getCarrier() {
            return carrier;
        }

        public void setCarrier(String carrier) {
            this.carrier = carrier;
        }
    }

    @Inject
    PrefixAdministration prefixes;

    @Inject
    RoutingIndexService routing;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private List<Row> rows = List.of();
    private boolean readable;
    private String prefix;
    private String carrier;

    @PostConstruct
    void load() {
        try {
            List<Row> loaded = new ArrayList<>();
            prefixes.list(actor()).forEach(p -> loaded.add(new Row(p.prefix(), p.carrier())));
            rows = loaded;
            readable = true;
        } catch (AccountException e) {
            rows = List.of();
            readable = false;
            PageMessages.error(FORM, e, locale.isEnglish());
        }
    }

    /** Adds the prefix of the form, or changes its carrier if the table has it already. */
    public void add() {
        try {
            var saved = prefixes.put(actor(), prefix, carrier);
            routing.refresh();
            PageMessages.info(FORM, "sys", "prefixes.saved", saved.prefix() + " → " + saved.carrier());
            prefix = null;
            carrier = null;
        } catch (AccountException e) {
            PageMessages.error(FORM, e, locale.isEnglish());
        }
        load();
    }

    /** Gives the row's prefix the carrier chosen in its select. */
    public void change(Row row) {
        try {
            var saved = prefixes.put(actor(), row.getPrefix(), row.getCarrier());
            routing.refresh();
            PageMessages.info(FORM, "sys", "prefixes.saved", saved.prefix() + " → " + saved.carrier());
        } catch (AccountException e) {
            PageMessages.error(FORM, e, locale.isEnglish());
        }
        load();
    }

    public void remove(Row row) {
        try {
            prefixes.delete(actor(), row.getPrefix());
            routing.refresh();
            PageMessages.info(FORM, "sys", "prefixes.removed", row.getPrefix());
        } catch (AccountException e) {
            PageMessages.error(FORM, e, locale.isEnglish());
        }
        load();
    }

    /** Whether the edit controls show: system administrators (MODA administrators read only, as the service). */
    public boolean isEditor() {
        return session.isSystemAdministrator();
    }

    public boolean isReadable() {
        return readable;
    }

    public List<Carrier> getCarriers() {
        return Arrays.asList(Carrier.values());
    }

    /** The carrier's name in the session's language, with its code. */
    public String carrierName(String code) {
        try {
            Carrier c = Carrier.valueOf(code);
            return (locale.isEnglish() ? c.nameEn() : c.nameZh()) + " (" + c.name() + ")";
        } catch (IllegalArgumentException | NullPointerException e) {
            return code;
        }
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getCarrier() {
        return carrier;
    }

    public void setCarrier(String carrier) {
        this.carrier = carrier;
    }
}
