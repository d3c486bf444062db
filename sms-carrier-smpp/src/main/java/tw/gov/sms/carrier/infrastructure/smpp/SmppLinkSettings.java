package tw.gov.sms.carrier.infrastructure.smpp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to run the SMPP link of one carrier.
 *
 * @param binds number of bind_transceiver sessions, spread across the endpoints
 * @param windowSize most submit_sm awaiting a response, per bind; with {@code binds} the most in flight
 *     on the whole link, however many threads submit
 * @param maxPerSecond most submit_sm per second for the whole link (all binds)
 * @param sourceTon TON of the sender ("111" is a short code; the carrier says which TON it wants)
 * @param responseTimeout how long to wait for a bind or submit response (also the connect timeout, and
 *     the longest a submit waits for a window permit)
 */
public record SmppLinkSettings(
        String carrierCode,
        List<SmppEndpoint> endpoints,
        String systemId,
        String password,
        String systemType,
        int binds,
        int windowSize,
        int maxPerSecond,
        byte sourceTon,
        byte sourceNpi,
        ConcatenationMode concatenation,
        Duration enquireLinkInterval,
        Duration responseTimeout,
        Duration reconnectMin,
        Duration reconnectMax) {

    public SmppLinkSettings {
        Objects.requireNonNull(carrierCode, "carrierCode");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(concatenation, "concatenation");
        Objects.requireNonNull(enquireLinkInterval, "enquireLinkInterval");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(carrierCode + ": at least one SMPP endpoint");
        }
        if (binds < 1 || windowSize < 1 || maxPerSecond < 1) {
            throw new IllegalArgumentException(carrierCode + ": binds, windowSize and maxPerSecond must be >= 1");
        }
        if (reconnectMin.isNegative() || reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException(carrierCode + ": need 0 < reconnectMin <= reconnectMax");
        }
        if (systemType == null) {
            systemType = "";
        }
    }

    /**
     * Typical values for a domestic carrier: 2 binds, window 10, 100/s, sender TON 0 NPI 0, UDH8,
     * enquire_link every 30 s, 10 s response timeout, reconnect between 1 s and 60 s.
     */
    public static SmppLinkSettings defaults(
            String carrierCode, List<SmppEndpoint> endpoints, String systemId, String password) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                "",
                2,
                10,
                100,
                (byte) 0,
                (byte) 0,
                ConcatenationMode.UDH8,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60));
    }

    public SmppLinkSettings withConcatenation(ConcatenationMode value) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                binds,
                windowSize,
                maxPerSecond,
                sourceTon,
                sourceNpi,
                value,
                enquireLinkInterval,
                responseTimeout,
                reconnectMin,
                reconnectMax);
    }

    public SmppLinkSettings withBinds(int value) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                value,
                windowSize,
                maxPerSecond,
                sourceTon,
                sourceNpi,
                concatenation,
                enquireLinkInterval,
                responseTimeout,
                reconnectMin,
                reconnectMax);
    }

    public SmppLinkSettings withWindowSize(int value) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                binds,
                value,
                maxPerSecond,
                sourceTon,
                sourceNpi,
                concatenation,
                enquireLinkInterval,
                responseTimeout,
                reconnectMin,
                reconnectMax);
    }

    public SmppLinkSettings withReconnect(Duration min, Duration max) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                binds,
                windowSize,
                maxPerSecond,
                sourceTon,
                sourceNpi,
                concatenation,
                enquireLinkInterval,
                responseTimeout,
                min,
                max);
    }

    public SmppLinkSettings withMaxPerSecond(int value) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                binds,
                windowSize,
                value,
                sourceTon,
                sourceNpi,
                concatenation,
                enquireLinkInterval,
                responseTimeout,
                reconnectMin,
                reconnectMax);
    }

    public SmppLinkSettings withResponseTimeout(Duration value) {
        return new SmppLinkSettings(
                carrierCode,
                endpoints,
                systemId,
                password,
                systemType,
                binds,
                windowSize,
                maxPerSecond,
                sourceTon,
                sourceNpi,
                concatenation,
                enquireLinkInterval,
                value,
                reconnectMin,
                reconnectMax);
    }

    @Override
    public String toString() {
        // Never print the password (settings end up in logs).
        return "SmppLinkSettings[" + carrierCode + " " + endpoints + " systemId=" + systemId + " binds=" + binds
                + " window=" + windowSize + " maxPerSecond=" + maxPerSecond + " " + concatenation + "]";
    }
}
