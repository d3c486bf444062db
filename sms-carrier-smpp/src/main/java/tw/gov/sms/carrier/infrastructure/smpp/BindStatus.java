package tw.gov.sms.carrier.infrastructure.smpp;

import java.time.OffsetDateTime;

/**
 * One bind of a carrier link.
 *
 * @param endpoint the endpoint it is bound to, or trying next
 * @param since when it last changed between bound and unbound
 * @param lastError why the last attempt failed or the link was lost, null while healthy
 */
public record BindStatus(SmppEndpoint endpoint, int index, boolean bound, OffsetDateTime since, String lastError) {}
