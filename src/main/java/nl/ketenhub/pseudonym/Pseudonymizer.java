package nl.ketenhub.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.ketenhub.canonical.StudentId;
import nl.ketenhub.config.KetenhubProperties;
import org.springframework.stereotype.Component;

/**
 * Derives the keyed pseudonym (HMAC-SHA256 under the hub's secret) that stands for a student wherever the hub
 * indexes, logs or counts: the same BSN always gives the same pseudonym, and without the key nobody can go back.
 */
@Component
public class Pseudonymizer {

    /** One initialised MAC per thread: looking the algorithm up for every student was a measurable part of a message. */
    private final ThreadLocal<Mac> macs;

    @org.springframework.beans.factory.annotation.Autowired
    public Pseudonymizer(KetenhubProperties properties) {
        this(properties.pseudonymKey());
    }

    public Pseudonymizer(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    public String pseudonym(StudentId id) {
        // BSN and onderwijsnummer are different number spaces: the kind is part of the input. doFinal resets the MAC.
        byte[] digest = macs.get().doFinal((id.kind().name() + ":" + id.value()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    public String pseudonym(String bsn, String onderwijsnummer) {
        return pseudonym(StudentId.of(bsn, onderwijsnummer));
    }

    /** A short form for log lines and console lists: enough to follow one student, useless to identify them. */
    public static String shortForm(String pseudonym) {
        return pseudonym == null ? "-" : pseudonym.substring(0, Math.min(12, pseudonym.length()));
    }
}
