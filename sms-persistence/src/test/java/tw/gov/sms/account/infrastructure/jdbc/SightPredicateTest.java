package tw.gov.sms.account.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Role;

class SightPredicateTest {

    private static Actor person(Role role, Long agency, Long group) {
        return new Actor(
                Actor.Kind.USER,
                7L,
                "p",
                role,
                agency == null ? null : new AgencyId(agency),
                group,
                Set.of(),
                "127.0.0.1");
    }

    @Test
    void administratorsSeeEverything() {
        List<Object> args = new ArrayList<>();
        assertThat(SightPredicate.and(person(Role.SYSTEM_ADMIN, null, null), "j", args))
                .isEmpty();
        assertThat(SightPredicate.and(person(Role.MODA_ADMIN, 1L, null), "j", args))
                .isEmpty();
        assertThat(args).isEmpty();
    }

    @Test
    void aGroupAdministratorSeesTheGroupOfTheirAgency() {
        List<Object> args = new ArrayList<>(List.of("before"));
        assertThat(SightPredicate.and(person(Role.GROUP_ADMIN, 3L, 5L), "u", args))
                .isEqualTo(" and u.agency_id = ? and u.group_id = ?");
        assertThat(args).containsExactly("before", 3L, 5L);
    }

    @Test
    void aUserSeesTheirOwnRecords() {
        List<Object> args = new ArrayList<>();
        assertThat(SightPredicate.and(person(Role.USER, 3L, 5L), "j", args)).isEqualTo(" and j.account_id = ?");
        assertThat(args).containsExactly(7L);
    }

    @Test
    void anApiClientSeesItsAgency() {
        List<Object> args = new ArrayList<>();
        Actor client = Actor.apiClient(9L, "c", new AgencyId(3L), Set.of("view"), "127.0.0.1");
        assertThat(SightPredicate.and(client, "j", args)).isEqualTo(" and j.agency_id = ?");
        assertThat(args).containsExactly(3L);
    }
}
