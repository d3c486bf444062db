package tw.gov.sms.shared.infrastructure.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the column cipher and number hasher from keys held in configuration, outside the database. */
@ApplicationScoped
public class CryptoProducer {

    @Inject
    @ConfigProperty(name = "sms.crypto.keys")
    String keys;

    @Inject
    @ConfigProperty(name = "sms.crypto.active-key-version")
    int activeVersion;

    @Inject
    @ConfigProperty(name = "sms.crypto.number-hash-key")
    String numberHashKey;

    @Produces
    @Singleton
    FieldCipher fieldCipher() {
        return new FieldCipher(FieldCipher.parseKeys(keys), activeVersion);
    }

    @Produces
    @Singleton
    NumberHasher numberHasher() {
        return new NumberHasher(Base64.getDecoder().decode(numberHashKey));
    }
}
