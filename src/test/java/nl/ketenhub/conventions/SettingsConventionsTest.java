package nl.ketenhub.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ketenhub.*} setting is a component of a settings record, so it has one default, is validated and is
 * documented in the configuration metadata; code and routes read the records, never the key.
 */
class SettingsConventionsTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Path METADATA = ROOT.resolve("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Pattern KEY_READ = Pattern.compile(
            "@Value\\(\\s*\"\\$\\{ketenhub\\.|(getProperty|getRequiredProperty|containsProperty)\\(\\s*\"ketenhub\\.");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]*)}}");
    private static final Pattern CONDITION = Pattern.compile("ConditionalOnProperty\\([^)]*name\\s*=\\s*\"(ketenhub\\.[^\"]+)\"");
    /** A setting a test gives the hub: a quoted ketenhub.NAME= or --ketenhub.NAME=, or add/put with a quoted key. */
    private static final Pattern TEST_SETTING = Pattern.compile(
            "\"(?:--)?(ketenhub\\.[a-z0-9.-]+)=|(?:add|put)\\(\"(ketenhub\\.[a-z0-9.-]+)\"");
    /** Keys only tests read (TestDataDir, the route test application). */
    private static final List<String> TEST_ONLY = List.of("ketenhub.test.", "ketenhub.route-test.");

    @Test
    void mainCodeReadsNoSettingByItsKey() throws IOException {
        List<String> reads = new ArrayList<>();
        for (Path file : files(ROOT.resolve("src/main/java"), ".java")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (KEY_READ.matcher(lines.get(i)).find()) {
                    reads.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(reads).as("ketenhub.* settings are read through their settings record (constructor injection), "
                + "not through @Value or the Environment").isEmpty();
    }

    @Test
    void routesReadSettingsOnlyThroughTheHubFunction() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : files(ROOT.resolve("routes"), ".camel.yaml")) {
            JsonNode item = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).get(0);
            Set<String> parameters = new HashSet<>();
            item.path("routeTemplate").path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
            Matcher m = PLACEHOLDER.matcher(Files.readString(file));
            while (m.find()) {
                String inside = m.group(1).trim();
                if (!inside.matches("hub\\.[a-z0-9.-]+") && !parameters.contains(inside)) {
                    wrong.add(ROOT.relativize(file) + ": {{" + inside + "}}");
                }
            }
        }
        assertThat(wrong).as("a route reads a setting as {{hub.name}} (RouteSettings), with no default of its own; "
                + "other placeholders are the route template's parameters").isEmpty();
    }

    @Test
    void everySettingIsDocumentedInTheConfigurationMetadata() throws IOException {
        Map<String, JsonNode> settings = metadata();
        assertThat(settings).as("the configuration processor wrote the ketenhub.* settings").isNotEmpty();
        settings.forEach((name, property) -> assertThat(property.path("description").asText())
                .as("description of %s (the @param of its record component)", name).isNotBlank());
        assertThat(settings.values()).as("settings with no default are the ones only an installation can give")
                .filteredOn(p -> !p.has("defaultValue")).extracting(p -> p.path("name").asText())
                .containsExactlyInAnyOrder("ketenhub.hub-oin", "ketenhub.data-dir", "ketenhub.pseudonym-key",
                        "ketenhub.csv.inbox", "ketenhub.gemeenten.file");
    }

    @Test
    void everySettingNamedInConfigurationRoutesAndTestsExists() throws IOException {
        Set<String> known = metadata().keySet();
        Set<String> named = new TreeSet<>();
        for (String yaml : List.of("src/main/resources/application.yaml", "src/test/resources/application-test.yaml")) {
            for (JsonNode document : documents(ROOT.resolve(yaml))) {
                leaves("", document, new LinkedHashMap<>()).keySet().stream()
                        .filter(k -> k.startsWith("ketenhub.")).forEach(named::add);
            }
        }
        for (Path file : files(ROOT.resolve("routes"), ".camel.yaml")) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(file));
            while (m.find()) {
                if (m.group(1).trim().startsWith("hub.")) {
                    named.add("ketenhub." + m.group(1).trim().substring("hub.".length()));
                }
            }
        }
        for (Path file : files(ROOT.resolve("src/main/java"), ".java")) {
            Matcher m = CONDITION.matcher(Files.readString(file));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        for (Path file : files(ROOT.resolve("src/test/java"), ".java")) {
            Matcher m = TEST_SETTING.matcher(Files.readString(file));
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                if (TEST_ONLY.stream().noneMatch(key::startsWith)) {
                    named.add(key);
                }
            }
        }
        assertThat(named).as("settings named in application.yaml, application-test.yaml, the routes' {{hub.name}}, "
                + "@ConditionalOnProperty and the tests").isNotEmpty();
        assertThat(known).as("every ketenhub.* setting named anywhere is one the settings records bind")
                .containsAll(named);
    }

    @Test
    void theReadmeListsEverySettingByItsName() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("### Production"));
        Set<String> listed = new TreeSet<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        for (String line : section.lines().filter(l -> l.startsWith("| `ketenhub.")).toList()) {
            // a row names a setting in full and may add siblings by their last part: `ketenhub.a.b` / `c`
            Matcher m = code.matcher(line.split("\\|")[1]);
            String first = null;
            while (m.find()) {
                String name = m.group(1);
                if (first == null) {
                    first = name;
                    listed.add(name);
                } else if (!name.startsWith("KETENHUB_")) {
                    listed.add(first.substring(0, first.lastIndexOf('.') + 1) + name);
                }
            }
        }
        assertThat(listed).as("the README's Configuration table, under the settings' current names")
                .containsExactlyInAnyOrderElementsOf(metadata().keySet());
    }

    @Test
    void anEnvironmentVariablesFallbackIsTheSettingsOwnDefault() throws IOException {
        Map<String, JsonNode> settings = metadata();
        Pattern environmentVariable = Pattern.compile("\\$\\{KETENHUB_[A-Z_]+:(.*)}");
        JsonNode config = documents(ROOT.resolve("src/main/resources/application.yaml")).get(0);
        leaves("", config, new LinkedHashMap<>()).forEach((key, value) -> {
            Matcher m = environmentVariable.matcher(value);
            if (key.startsWith("ketenhub.") && m.matches() && settings.containsKey(key)
                    && settings.get(key).has("defaultValue")) {
                assertThat(m.group(1)).as("the fallback of %s in application.yaml", key)
                        .isEqualTo(settings.get(key).get("defaultValue").asText());
            }
        });
    }

    private static Map<String, JsonNode> metadata() throws IOException {
        assertThat(METADATA).as("spring-boot-configuration-processor output (compile first)").exists();
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        new ObjectMapper().readTree(METADATA.toFile()).path("properties").forEach(p -> {
            if (p.path("name").asText().startsWith("ketenhub.")) {
                settings.put(p.path("name").asText(), p);
            }
        });
        return settings;
    }

    private static List<JsonNode> documents(Path yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class)
                .readValues(mapper.getFactory().createParser(yaml.toFile()))) {
            return docs.readAll();
        }
    }

    private static Map<String, String> leaves(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), into));
        } else {
            into.put(prefix, node.isArray() ? node.toString() : node.asText());
        }
        return into;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
