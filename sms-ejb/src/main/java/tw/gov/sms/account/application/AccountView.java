package tw.gov.sms.account.application;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Permission;

/** An account as administrators see it: never a hash, a seed or a code. */
public record AccountView(
        long id,
        String username,
        String displayName,
        String email,
        String role,
        Long agencyId,
        Long groupId,
        Set<String> permissions,
        String status,
        String mfaKind,
        boolean locked,
        Instant lastLoginAt,
        Instant createdAt,
        String mobile) {

    static AccountView of(Account a) {
        return new AccountView(
                a.getId(),
                a.getUsername(),
                a.getDisplayName(),
                a.getEmail(),
                a.getRole().name(),
                a.getAgencyId(),
                a.getGroupId(),
                a.permissionSet().stream().map(Permission::code).collect(Collectors.toCollection(TreeSet::new)),
                a.getStatus().name(),
                a.getMfaKind().name(),
                a.isLocked(Instant.now()),
                a.getLastLoginAt().orElse(null),
                a.getCreatedAt(),
                a.getMobile());
    }
}
