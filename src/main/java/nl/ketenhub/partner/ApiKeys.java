package nl.ketenhub.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Generates partner API keys and hashes them for storage. Keys carry 256 random bits, so a fast SHA-256 digest is
 * enough to make a leaked table useless (no dictionary to attack) while keeping each request's check cheap.
 */
@Component
public class ApiKeys {

    static final String PREFIX = "kh_";
    private final SecureRandom random = new SecureRandom();

    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hash(String apiKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    public String hint(String apiKey) {
        return apiKey.substring(0, Math.min(10, apiKey.length())) + "…";
    }
}
