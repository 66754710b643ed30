package nl.ketenhub.support;

import java.util.HashMap;
import java.util.Map;
import nl.ketenhub.config.KetenhubProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings records for unit tests, bound the way the hub binds them: the records' own defaults, plus what a test
 * names (e.g. {@code "demo.enabled", "true"}, relative to the record's prefix).
 */
public final class Settings {

    private Settings() {}

    /** {@code ketenhub.*} with the required settings filled in and the given ones on top. */
    public static KetenhubProperties ketenhub(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        values.put("ketenhub.hub-oin", "00000099000000000000");
        values.put("ketenhub.data-dir", "data");
        values.put("ketenhub.pseudonym-key", "k".repeat(32));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put("ketenhub." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ketenhub", KetenhubProperties.class);
    }

    /** A settings record under {@code prefix} with its defaults and the given settings (relative to the prefix). */
    public static <T> T bind(String prefix, Class<T> type, String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(prefix + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }
}
