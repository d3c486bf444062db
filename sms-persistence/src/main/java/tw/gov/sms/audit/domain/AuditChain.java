package tw.gov.sms.audit.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail, as pure functions: {@code hash(n) = SHA-256(hash(n-1) ||
 * canonical(n, event n))}, starting from {@link #genesis()} (32 zero bytes).
 *
 * <p>The canonical encoding is unambiguous, so two different events can never encode to the same
 * bytes: a version byte, then the sequence number, then every field in record order, each one tagged
 * {@code 0} when null or {@code 1} when present, followed by a fixed-width big-endian long or by a
 * 4-byte length and the UTF-8 bytes of a text (so {@code ("ab","c")} and {@code ("a","bc")} differ, and
 * null differs from the empty text). Enums are encoded by name and the instant as microseconds since
 * the epoch, exactly what the database stores. Changing this encoding breaks every stored chain: a new
 * encoding needs a new version byte.
 */
public final class AuditChain {

    /** Length of every hash in the chain (SHA-256). */
    public static final int HASH_LENGTH = 32;

    private static final byte VERSION = 1;
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;

    private AuditChain() {}

    /** The hash before the first event: 32 zero bytes. A fresh copy on each call. */
    public static byte[] genesis() {
        return new byte[HASH_LENGTH];
    }

    /** SHA-256 of the previous hash followed by the canonical encoding of event {@code seq}. */
    public static byte[] hash(byte[] prevHash, long seq, AuditEvent event) {
        if (prevHash == null || prevHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("the previous hash must have " + HASH_LENGTH + " bytes");
        }
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        sha256.update(canonical(seq, event));
        return sha256.digest();
    }

    /** The bytes that are hashed for the event stored as number {@code seq}. */
    public static byte[] canonical(long seq, AuditEvent e) {
        Encoder out = new Encoder();
        out.raw(VERSION);
        out.fixed(seq);
        out.fixed(epochMicros(e.occurredAt()));
        out.text(e.actorKind().name());
        out.number(e.actorId());
        out.text(e.actorName());
        out.text(e.role());
        out.number(e.agencyId());
        out.number(e.groupId());
        out.text(e.action());
        out.text(e.target());
        out.text(e.sourceAddress());
        out.text(e.outcome().name());
        out.text(e.detail());
        return out.toByteArray();
    }

    /** Microseconds since 1970-01-01T00:00Z, the resolution of PostgreSQL's {@code timestamptz}. */
    public static long epochMicros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Encoder extends ByteArrayOutputStream {

        Encoder() {
            super(256);
        }

        void raw(byte b) {
            write(b);
        }

        void fixed(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (v >>> shift));
            }
        }

        void number(Long v) {
            if (v == null) {
                write(ABSENT);
            } else {
                write(PRESENT);
                fixed(v);
            }
        }

        void text(String s) {
            if (s == null) {
                write(ABSENT);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            write(PRESENT);
            int n = utf8.length;
            write(n >>> 24);
            write(n >>> 16);
            write(n >>> 8);
            write(n);
            writeBytes(utf8);
        }
    }
}
