package tw.gov.sms.account.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;
import tw.gov.sms.account.application.SessionGrant;
import tw.gov.sms.account.domain.Actor;

/**
 * The portal's own identity store (R6.5): it accepts only a ticket of a login that passed the password
 * and the second factor, and gives the caller the groups the API's tokens carry: {@code user}, the role
 * and each permission, or only {@code password-change} while a new password is due.
 */
@ApplicationScoped
public class PortalIdentityStore implements IdentityStore {

    @Inject
    LoginTickets tickets;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof LoginTicketCredential ticket)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return tickets.redeem(ticket.ticket())
                .map(grant -> new CredentialValidationResult(grant.actor().name(), groups(grant)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    static Set<String> groups(SessionGrant grant) {
        Set<String> groups = new HashSet<>();
        if (grant.passwordChangeRequired()) {
            groups.add("password-change");
            return groups;
        }
        Actor actor = grant.actor();
        groups.addAll(actor.permissions());
        groups.add(actor.role().name());
        groups.add("user");
        return groups;
    }
}
