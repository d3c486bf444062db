package tw.gov.sms.audit.infrastructure.jdbc;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import tw.gov.sms.audit.domain.AuditChain;

/**
 * The verification command of the audit trail: recomputes the whole hash chain and says whether it is
 * intact. Needs only this jar and the PostgreSQL driver:
 *
 * <pre>
 * SMS_DB_URL=jdbc:postgresql://db:5432/sms SMS_DB_USER=auditor SMS_DB_PASSWORD=... \
 *   java -cp sms-persistence.jar:postgresql.jar tw.gov.sms.audit.infrastructure.jdbc.AuditChainCheck
 * </pre>
 *
 * Arguments {@code url [user [password]]} override the environment (a password on the command line is
 * visible to other users of the host; prefer the environment). Exit status: 0 intact, 1 broken, 2 the
 * check could not run. When intact it also prints the head (last sequence number and hash): recorded
 * outside the database, it lets a later check notice events cut off the end of the chain.
 */
public final class AuditChainCheck {

    private AuditChainCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = args.length > 0 ? args[0] : env.get("SMS_DB_URL");
        String user = args.length > 1 ? args[1] : env.get("SMS_DB_USER");
        String password = args.length > 2 ? args[2] : env.get("SMS_DB_PASSWORD");
        if (url == null || url.isBlank()) {
            err.println("usage: AuditChainCheck <jdbc-url> [<user> [<password>]]"
                    + "  (or SMS_DB_URL, SMS_DB_USER, SMS_DB_PASSWORD)");
            return 2;
        }
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            AuditLog.Verification v = new AuditLog().verify(c);
            if (!v.intact()) {
                out.println(v.problem());
                out.println("events intact before the break: " + v.eventsChecked());
                return 1;
            }
            out.println("audit chain intact: " + v.eventsChecked() + " events");
            AuditLog.Head head = AuditLog.head(c);
            if (head != null) {
                out.println("head: event " + head.lastSeq() + " sha256 " + AuditChain.hex(head.lastHash()));
            }
            return 0;
        } catch (SQLException e) {
            err.println("audit chain check could not run: " + e.getMessage());
            return 2;
        }
    }
}
