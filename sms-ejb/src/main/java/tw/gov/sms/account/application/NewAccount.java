package tw.gov.sms.account.application;

import java.util.Set;

/** What an administrator fills in to create an account; the initial password is generated and mailed. */
public record NewAccount(
        String username,
        String displayName,
        String email,
        String mobile,
        String role,
        Long agencyId,
        Long groupId,
        Set<String> permissions) {
    public NewAccount {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }
}
