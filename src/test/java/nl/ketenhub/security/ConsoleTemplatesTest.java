package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's Content-Security-Policy forbids inline script: no template may need it. */
class ConsoleTemplatesTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_URL = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldUseNoInlineScriptInAnyConsoleTemplate() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).isNotEmpty();
        for (Path template : templates) {
            String html = Files.readString(template);
            assertThat(INLINE_SCRIPT.matcher(html).find()).as(template + " has an inline script").isFalse();
            assertThat(EVENT_HANDLER.matcher(html).find()).as(template + " has an inline event handler").isFalse();
            assertThat(SCRIPT_URL.matcher(html).find()).as(template + " has a javascript: URL").isFalse();
        }
        assertThat(SecurityConfig.CONSOLE_CSP).contains("script-src 'self';").doesNotContain("'unsafe-eval'");
    }
}
