package nl.ketenhub.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** What a reviewer would otherwise check by hand: layout, route files, schemas, connector documentation. */
class ProjectConventionsTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKeepTheFixedTopLevelLayout() {
        for (String entry : List.of("pom.xml", "routes", "connectors", "schemas", "src", "README.md", ".ci/run")) {
            assertThat(ROOT.resolve(entry)).as(entry).exists();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteFileHoldsOneRouteNamedAfterItsFile() throws IOException {
        return routeFiles().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
            JsonNode doc = YAML.readTree(file.toFile());
            assertThat(doc.isArray()).as("a YAML DSL file is a list").isTrue();
            assertThat(doc.size()).as("one definition per file").isEqualTo(1);
            JsonNode item = doc.get(0);
            String kind = item.fieldNames().next();
            assertThat(kind).isIn("route", "routeTemplate", "routeConfiguration");
            JsonNode def = item.get(kind);
            String expectedId = file.getFileName().toString().replace(".camel.yaml", "");
            assertThat(def.path("id").asText()).as("id equals the file name").isEqualTo(expectedId);
            assertThat(expectedId).matches("[a-z][a-z0-9-]*");
            if (kind.equals("route")) {
                assertThat(def.path("routeConfigurationId").asText()).as("routeConfigurationId").isNotBlank();
            }
            if (kind.equals("routeTemplate")) {
                assertThat(def.path("route").path("routeConfigurationId").asText()).as("routeConfigurationId").isNotBlank();
                def.path("parameters").forEach(p -> assertThat(p.path("description").asText()).as("parameter " + p.path("name")).isNotBlank());
            }
            if (kind.equals("routeConfiguration")) {
                assertThat(ROOT.relativize(file).toString()).startsWith("routes/configuration/");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteFileMatchesCamelsYamlDslSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("camel-yaml-dsl ships its JSON schema").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.readTree(in));
        }
        return routeFiles().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
            Set<ValidationMessage> errors = schema.validate(YAML.readTree(file.toFile()));
            assertThat(errors).as("YAML DSL violations").isEmpty();
        }));
    }

    @Test
    void everyRouteReferencesAnExistingRouteConfiguration() throws IOException {
        List<String> configurations = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        for (Path file : routeFiles()) {
            JsonNode item = YAML.readTree(file.toFile()).get(0);
            if (item.has("routeConfiguration")) {
                configurations.add(item.get("routeConfiguration").path("id").asText());
            } else if (item.has("route")) {
                referenced.add(item.get("route").path("routeConfigurationId").asText());
            } else {
                referenced.add(item.get("routeTemplate").path("route").path("routeConfigurationId").asText());
            }
        }
        assertThat(configurations).containsAll(referenced);
    }

    @Test
    void everyRouteFileIsLoadedByTheHubByName() throws IOException {
        JsonNode config = YAML.readTree(ROOT.resolve("src/main/resources/application.yaml").toFile());
        List<String> listed = java.util.Arrays.stream(config.at("/camel/main/routes-include-pattern").asText().split(","))
                .map(String::trim).toList();
        assertThat(listed).as("camel.main.routes-include-pattern names files, no patterns (a pattern scans the whole jar)")
                .noneMatch(entry -> entry.contains("*") || entry.contains("?"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("routes"))) {
            List<String> present = files.filter(p -> p.toString().endsWith(".camel.yaml"))
                    .map(p -> "classpath:routes/" + ROOT.resolve("routes").relativize(p).toString().replace('\\', '/'))
                    .toList();
            assertThat(listed).as("camel.main.routes-include-pattern lists every route file and no missing one")
                    .containsExactlyInAnyOrderElementsOf(present);
        }
    }

    @TestFactory
    Stream<DynamicTest> everySchemaFileParsesAndDeclaresItself() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("schemas"))) {
            return files.filter(p -> p.toString().endsWith(".json")).toList().stream()
                    .map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
                        JsonNode schema = JSON.readTree(file.toFile());
                        assertThat(schema.path("$schema").asText()).isNotBlank();
                        assertThat(schema.path("$id").asText()).endsWith(file.getFileName().toString());
                        assertThat(schema.path("title").asText()).isNotBlank();
                    }));
        }
    }

    @Test
    void everyConnectorIsDocumented() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("connectors"))) {
            dirs.filter(Files::isDirectory).forEach(dir ->
                    assertThat(dir.resolve("README.md")).as("connector documentation").exists());
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("routes"))) {
            return files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
