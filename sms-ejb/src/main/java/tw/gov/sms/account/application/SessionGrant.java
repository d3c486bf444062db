package tw.gov.sms.account.application;

import java.time.Instant;
import tw.gov.sms.account.domain.Actor;

/**
 * A finished login: who is in, and whether the only thing they may do yet is change their password
 * (first login, or after an administrator's reset). {@code startedAt} bounds how long refreshing may
 * extend the session.
 */
public record SessionGrant(Actor actor, boolean passwordChangeRequired, Instant startedAt) {}
