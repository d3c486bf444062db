package tw.gov.sms.account.application;

import java.util.Set;
import tw.gov.sms.account.domain.AgencyId;

/** An API client whose credentials checked out. */
public record AuthenticatedClient(long clientDbId, String clientId, AgencyId agency, Set<String> permissions) {}
