package tw.gov.sms.dev.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An SMTP server that keeps what it receives, and an HTTP inbox to read it, both on 127.0.0.1 only.
 *
 * <p>Usage: started by {@code tw.gov.sms.devservices.DevServices} ({@code --smtp-port N --mail-http-port M}), or on
 * its own: {@code java -cp dev-services.jar tw.gov.sms.dev.mail.MailCatcher --smtp-port 2525 --http-port 8025}.
 *
 * <pre>
 * GET    /                     the inbox as a page, newest first
 * GET    /messages/{id}        one mail: headers and text
 * GET    /api/messages?to=ADDR JSON [{id, receivedAt, from, to:[…], subject, text}], newest first; to= optional
 * DELETE /api/messages         empties the inbox
 * </pre>
 */
public final class MailCatcher implements AutoCloseable {

    /** Mails kept; older ones are dropped (a development session, not an archive). */
    public static final int CAPACITY = 1000;

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail smtp;
    private final InboxServer http;
    private final Deque<CaughtMail> mails = new ArrayDeque<>();
    private long lastId;

    private MailCatcher(int smtpPort, int httpPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            smtp.start();
            // Each recipient of a transaction is handed over separately, with the same envelope: the first one
            // records the mail once; nothing goes to GreenMail's per-user mailboxes (the sink keeps nothing).
            smtp.getUserManager().setMessageDeliveryHandler((envelope, recipient) -> {
                if (recipient == envelope.getToAddresses().get(0)) {
                    record(envelope);
                }
                return Sink.INSTANCE;
            });
            http = InboxServer.start(LOOPBACK, httpPort, this);
        } catch (IOException | RuntimeException e) {
            smtp.stop();
            throw e;
        }
    }

    /** Starts both servers on 127.0.0.1; a port of 0 picks a free one (see {@link #smtpPort()}). */
    public static MailCatcher start(int smtpPort, int httpPort) throws IOException {
        return new MailCatcher(smtpPort, httpPort);
    }

    public static void main(String[] args) throws Exception {
        int smtpPort = 2525;
        int httpPort = 8025;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--smtp-port" -> smtpPort = Integer.parseInt(args[i + 1]);
                case "--http-port" -> httpPort = Integer.parseInt(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (usage: --smtp-port PORT --http-port PORT)");
            }
        }
        MailCatcher catcher = start(smtpPort, httpPort);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            catcher.close();
            stop.countDown();
        }));
        System.out.println(catcher.describe());
        System.out.println("READY");
        System.out.flush();
        stop.await();
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int httpPort() {
        return http.port();
    }

    /** The inbox page, e.g. {@code http://127.0.0.1:8025/}. */
    public String inboxUrl() {
        return "http://" + LOOPBACK + ":" + httpPort() + "/";
    }

    /** {@code Mail catcher SMTP 127.0.0.1:2525, inbox http://127.0.0.1:8025/} */
    public String describe() {
        return "Mail catcher SMTP " + LOOPBACK + ":" + smtpPort() + ", inbox " + inboxUrl();
    }

    /** Every mail kept, newest first. */
    public synchronized List<CaughtMail> messages() {
        return List.copyOf(mails);
    }

    public synchronized void clear() {
        mails.clear();
    }

    @Override
    public void close() {
        http.stop();
        smtp.stop();
    }

    private synchronized void record(MovingMessage envelope) {
        mails.addFirst(CaughtMail.of(++lastId, Instant.now(), envelope));
        while (mails.size() > CAPACITY) {
            mails.removeLast();
        }
    }

    /** The only "user" of the GreenMail server: the catcher has already kept the mail, so delivery is a no-op. */
    private enum Sink implements GreenMailUser {
        INSTANCE;

        @Override
        public String getEmail() {
            return "catcher@localhost";
        }

        @Override
        public String getLogin() {
            return "catcher";
        }

        @Override
        public void deliver(MovingMessage msg) {}

        @Override
        public void deliver(MimeMessage msg) {}

        @Override
        public void create() {}

        @Override
        public void delete() {}

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {}

        @Override
        public void authenticate(String password) {}

        @Override
        public String getQualifiedMailboxName() {
            return "catcher";
        }
    }
}
