package tw.gov.sms.account.application;

import java.time.Instant;

/**
 * The password was right: the login now waits for the second factor named here. {@code challenge} is the
 * opaque handle the client sends back with the code; {@code sentTo} is the masked e-mail address or
 * mobile number a code went to (null for TOTP).
 */
public record PasswordStep(String challenge, String factor, String sentTo, Instant expiresAt) {}
