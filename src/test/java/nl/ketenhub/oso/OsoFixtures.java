package nl.ketenhub.oso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The synthetic OSO dossiers of the tests (payloads/oso) and a mapper configured like the hub's. */
public final class OsoFixtures {

    public static final String FULL = "full-dossier.xml";
    public static final String OPT_OUT = "opt-out-dossier.xml";
    public static final String TOESTEMMING_NEE = "toestemming-nee-dossier.xml";

    private OsoFixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = OsoFixtures.class.getResourceAsStream("/payloads/oso/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no OSO fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A Jackson mapper as Spring Boot configures the hub's (java.time as ISO text, nulls left out). */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
