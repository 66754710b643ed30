package nl.ketenhub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An embedded PostgreSQL as production runs one: its data on disk in a directory of the caller's (kept when it stops,
 * so a hub can start again on it), {@code fsync} and {@code synchronous_commit} on, so every commit is on disk before
 * it returns. (The embedded PostgreSQL's own default is {@code synchronous_commit=off}.) Used by the crash harness and
 * the benchmark's production topology.
 */
public final class DiskPostgres {

    private DiskPostgres() {}

    public static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        return start(dataDirectory, 0);
    }

    /** On a given port (0: any free one), e.g. to start it again where its clients will look for it. */
    public static EmbeddedPostgres start(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /** The postmaster's process (its backends are its children), from the data directory's {@code postmaster.pid}. */
    public static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
