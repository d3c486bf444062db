/**
 * Identity security: the pure rules behind user accounts, their passwords, second factors and IP allow-lists. No
 * Jakarta, no persistence, no clock or randomness hidden from the caller beyond {@link java.security.SecureRandom};
 * the account context calls these from its application services and stores what they return.
 *
 * <p><b>Requirements.</b> The security baseline of a "high" (高) system under Taiwan's 資通安全責任等級分級辦法:
 * identification and authentication (complex passwords, no reuse of the last three, lock-out after five failures for
 * fifteen minutes, one-time and time-limited password reset), multi-factor authentication (TOTP app, e-mail code,
 * SMS code), and access restricted to registered IP ranges.
 *
 * <ul>
 *   <li>{@link tw.gov.sms.identity.PasswordHasher}: passwords stored only as slow salted hashes.
 *   <li>{@link tw.gov.sms.identity.PasswordPolicy} and {@link tw.gov.sms.identity.PasswordProblem}: complexity,
 *       length, not containing the user name, no reuse of the last {@code historyDepth} passwords; each refusal has a
 *       stable code and a message in 中文 and English with the policy's numbers.
 *   <li>{@link tw.gov.sms.identity.Totp}, {@link tw.gov.sms.identity.Base32}, {@link tw.gov.sms.identity.OtpAuthUri},
 *       {@link tw.gov.sms.identity.QrCode}: the authenticator-app factor, from enrolment to verification.
 *   <li>{@link tw.gov.sms.identity.OneTimeCodes}: the e-mail and SMS codes, and password-reset tokens.
 *   <li>{@link tw.gov.sms.identity.RecoveryCodes}: the way back in when the second factor is lost.
 *   <li>{@link tw.gov.sms.identity.IpRange}: one entry of an IP allow-list.
 * </ul>
 *
 * Not here: the lock-out (five failures, fifteen minutes), which needs stored state (the failure count, the time of
 * the lock) and so belongs with the account itself.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Passwords: PBKDF2-HMAC-SHA-256, 210,000 iterations (OWASP), 16-byte salt, 256-bit result, in the {@code
 *       pbkdf2-sha256$iterations$salt$hash} format the API-client secrets already use, so one verifier serves both
 *       and the cost can rise: {@code needsRehash} tells the login to re-hash with today's count once the password is
 *       known. PBKDF2 because the JDK has it (no native library in the EAR) and it is FIPS-approved; Argon2id would be
 *       stronger against GPUs but needs a dependency. A malformed stored value is "no match", never an exception that
 *       could tell an attacker something different from a wrong password.
 *   <li>Password rules count code points, so a 中文 passphrase is measured as typed; anything neither letter, digit
 *       nor white space counts as a symbol. The reuse check runs PBKDF2 once per remembered hash, which is why
 *       over-long candidates are refused before it.
 *   <li>TOTP: RFC 6238 with the app defaults (HMAC-SHA1, 6 digits, 30 s), SHA-256/512 supported for completeness.
 *       One step of drift either way is accepted (a 90-second window); a wider one only helps guessing. Each
 *       successful verification returns its step, which the caller stores; a step at or before the stored one is
 *       refused, so an observed code cannot be replayed, not even within its own 30 seconds.
 *   <li>Recovery codes are hashed with plain SHA-256, not PBKDF2: each has about 59.5 random bits, far beyond what a
 *       slow hash protects (that is for low-entropy human passwords), and login attempts are rate-limited and locked
 *       out anyway. A fast hash also lets the code be found with an indexed lookup instead of trying every stored
 *       hash. The alphabet leaves out 0, o, 1, l and i, and input is folded (full-width IME characters, case, spaces
 *       and dashes) before hashing. The same reasoning covers {@link tw.gov.sms.identity.OneTimeCodes}: reset tokens
 *       carry 256 bits; six-digit codes are short-lived, few attempts are allowed, and the hash only keeps a database
 *       reader from using a live code.
 *   <li>IP ranges are parsed from literals only, never through DNS: a name in an allow-list would make access depend
 *       on whoever controls that name's resolution, and a lookup while saving a form is a needless outbound call.
 *       IPv4 is parsed by hand (four decimal octets, no leading zeros, no {@code inet_aton} shorthands); IPv6 goes to
 *       {@link java.net.InetAddress#getByName} only once the text is made of hex digits, {@code :} and {@code .},
 *       starts with a hex digit or {@code :} and contains a {@code :}, the case in which the JDK parses a literal and
 *       never resolves. A range with host bits set ({@code 203.0.113.9/24}) is refused with the network form as
 *       suggestion rather than silently widened to it, since the administrator may have meant one host. {@code /0} is
 *       refused unless explicitly allowed.
 * </ul>
 *
 * <p><b>Rejected.</b> A TOTP library (the algorithm is thirty lines and the RFC vectors test it); Commons Codec for
 * Base32 (a dependency for one encoding); rendering QR codes to PNG with {@code zxing-javase} (pulls in AWT; SVG is
 * smaller and sharp at any size).
 */
package tw.gov.sms.identity;
