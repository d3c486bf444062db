package tw.gov.sms.account.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.function.LongFunction;
import tw.gov.sms.account.domain.Account;

/**
 * The logged-in account as read once for the current request. {@link PortalSession} reads the account again
 * on every request (a change by an administrator applies at the next click), but a page asks for the actor
 * or a permission many times while it renders (menu, notification badge, every guarded button): each of those
 * was a database read. Measured by {@code ./sms bench portal} (docs/benchmarks.md, portal).
 */
@RequestScoped
public class RequestAccount {

    private Long id;
    private Optional<Account> account;

    Optional<Account> of(long accountId, LongFunction<Optional<Account>> load) {
        if (account == null || id == null || id != accountId) {
            account = load.apply(accountId);
            id = accountId;
        }
        return account;
    }
}
