package tw.gov.sms.contact.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Role;

/** Who sees and who manages a contact group (R3.1, R6.4): the rule every query and change applies. */
class ContactRulesTest {

    private static final AgencyId AGENCY = new AgencyId(7);

    private static Actor person(Role role, Long group, String... permissions) {
        return new Actor(
                Actor.Kind.USER,
                42L,
                "someone",
                role,
                role.seesAllAgencies() ? null : AGENCY,
                group,
                Set.of(permissions),
                "127.0.0.1");
    }

    @Test
    void administratorsSeeEveryGroupAndOthersTheirOwnAccountGroupOrAgency() {
        List<Object> args = new ArrayList<>();
        assertThat(ContactService.sight(person(Role.MODA_ADMIN, null), args)).isEmpty();
        assertThat(ContactService.sight(person(Role.SYSTEM_ADMIN, null), args)).isEmpty();
        assertThat(args).isEmpty();

        assertThat(ContactService.sight(person(Role.USER, 3L, "send"), args))
                .isEqualTo(" and g.agency_id = ? and g.group_id = ?");
        assertThat(args).containsExactly(7L, 3L);

        args.clear();
        assertThat(ContactService.sight(person(Role.GROUP_ADMIN, 3L), args))
                .as("a group administrator sees the account group's books, like its members")
                .isEqualTo(" and g.agency_id = ? and g.group_id = ?");

        args.clear();
        assertThat(ContactService.sight(Actor.apiClient(9, "client", AGENCY, Set.of("send"), "10.0.0.1"), args))
                .isEqualTo(" and g.agency_id = ?");
        assertThat(args).containsExactly(7L);
    }

    @Test
    void onlyTheAccountGroupsAdministratorOrAMemberWithContactsManages() {
        assertThat(ContactService.manageable(person(Role.GROUP_ADMIN, 3L), 7, 3))
                .isTrue();
        assertThat(ContactService.manageable(person(Role.USER, 3L, "contacts"), 7, 3))
                .isTrue();
        assertThat(ContactService.manageable(person(Role.USER, 3L, "send", "view"), 7, 3))
                .as("sending to a group is not managing it")
                .isFalse();
        assertThat(ContactService.manageable(person(Role.GROUP_ADMIN, 4L), 7, 3))
                .as("another account group")
                .isFalse();
        assertThat(ContactService.manageable(person(Role.USER, 3L, "contacts"), 8, 3))
                .as("another agency")
                .isFalse();
        assertThat(ContactService.manageable(person(Role.MODA_ADMIN, null), 7, 3))
                .as("administrators read, they do not edit an agency's contacts")
                .isFalse();
        assertThat(ContactService.manageable(
                        Actor.apiClient(9, "client", AGENCY, Set.of("send", "contacts"), "10.0.0.1"), 7, 3))
                .as("systems send to groups; people manage them")
                .isFalse();
    }

    @Test
    void sendingUsesOnlyOnesOwnContactsWhateverOneMayRead() {
        ContactService.GroupView g =
                new ContactService.GroupView(1, 7, "agency", 3, "group", "名單", null, 10, null, null, false);
        assertThat(ContactService.sendable(person(Role.USER, 3L, "send"), g)).isTrue();
        assertThat(ContactService.sendable(person(Role.GROUP_ADMIN, 4L, "send"), g))
                .as("another account group's")
                .isFalse();
        assertThat(ContactService.sendable(
                        new Actor(
                                Actor.Kind.USER,
                                1L,
                                "moda",
                                Role.MODA_ADMIN,
                                new AgencyId(1),
                                null,
                                Set.of("send"),
                                null),
                        g))
                .as("a MODA administrator reads every group but sends to none of another agency's")
                .isFalse();
        assertThat(ContactService.sendable(Actor.apiClient(9, "client", AGENCY, Set.of("send"), "10.0.0.1"), g))
                .isTrue();
        assertThat(ContactService.sendable(
                        Actor.apiClient(9, "client", new AgencyId(8), Set.of("send"), "10.0.0.1"), g))
                .isFalse();
    }

    @Test
    void aFilesFreeTestMessagesAlwaysHaveAHolder() {
        assertThat(tw.gov.sms.quota.application.QuotaService.fileHolder(5L, null, AGENCY))
                .isEqualTo("account:5");
        assertThat(tw.gov.sms.quota.application.QuotaService.fileHolder(null, 9L, AGENCY))
                .isEqualTo("client:9");
        assertThat(tw.gov.sms.quota.application.QuotaService.fileHolder(null, null, AGENCY))
                .as("an SFTP upload draws on its agency's allowance, never on none")
                .isEqualTo("agency:7");
    }
}
