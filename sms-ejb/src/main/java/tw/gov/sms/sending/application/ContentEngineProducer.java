package tw.gov.sms.sending.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.sending.domain.content.ContentEngine;
import tw.gov.sms.sending.domain.content.ContentPolicy;
import tw.gov.sms.sending.domain.content.SegmentPlanner;

/** One content engine per deployment, configured once: every channel plans and checks text the same way. */
@ApplicationScoped
public class ContentEngineProducer {

    @Inject
    @ConfigProperty(name = "sms.content.prefix-template", defaultValue = "【{agency}】")
    String prefixTemplate;

    @Inject
    @ConfigProperty(name = "sms.content.max-chars", defaultValue = "333")
    int maxChars;

    @Inject
    @ConfigProperty(name = "sms.content.non-gov-link-is-error", defaultValue = "false")
    boolean nonGovLinkIsError;

    @Produces
    @Singleton
    ContentEngine contentEngine() {
        return new ContentEngine(new ContentPolicy(prefixTemplate, maxChars, nonGovLinkIsError));
    }

    @Produces
    @Singleton
    SegmentPlanner segmentPlanner(ContentEngine engine) {
        // The very planner that planned the text at acceptance plans it again at dispatch.
        return engine.planner();
    }
}
