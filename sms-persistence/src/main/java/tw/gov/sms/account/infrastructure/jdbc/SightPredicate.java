package tw.gov.sms.account.infrastructure.jdbc;

import java.util.List;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;

/**
 * An actor's sight (R6.4) as a SQL predicate, written once for every query that lists records: system and
 * MODA administrators see everything, a group administrator their group, a user their own records, an API
 * client (or any other caller with an agency) its agency's. The same rule as {@link Actor#canSee}, for
 * queries that must filter in the database rather than one record at a time.
 */
public final class SightPredicate {

    private SightPredicate() {}

    /**
     * The predicate on {@code alias}, whose table has {@code agency_id}, {@code group_id} and
     * {@code account_id} columns, starting with {@code " and "} (empty for administrators); its parameters
     * are appended to {@code args} in order.
     */
    public static String and(Actor actor, String alias, List<Object> args) {
        if (actor.seesAllAgencies()) {
            return "";
        }
        if (actor.has(Role.GROUP_ADMIN)) {
            args.add(actor.agencyValue());
            args.add(actor.groupId());
            return " and " + alias + ".agency_id = ? and " + alias + ".group_id = ?";
        }
        if (actor.isUser()) {
            args.add(actor.accountId());
            return " and " + alias + ".account_id = ?";
        }
        args.add(actor.agencyValue());
        return " and " + alias + ".agency_id = ?";
    }
}
