package nl.ketenhub.csv;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inbox's file filter ({@code csv-intake}): a file whose name is too long for the read lock's marker file
 * ({@code <name>.camelLock} must fit a file system's 255 bytes) could never be taken and would stay in the inbox,
 * failing at every scan. Such a file is moved to {@code failed/} at once, with an error file that says why.
 */
@Component("csvInboxNames")
public class CsvInboxNames implements GenericFileFilter<File> {

    /** Longest name (UTF-8 bytes) the inbox takes: 255 less the read lock's {@code .camelLock}. */
    public static final int MAX_NAME_BYTES = 255 - ".camelLock".length();

    private static final Logger log = LoggerFactory.getLogger(CsvInboxNames.class);

    @Override
    public boolean accept(GenericFile<File> file) {
        String name = file.getFileNameOnly();
        if (file.isDirectory() || !name.endsWith(".csv")) {
            return true;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_NAME_BYTES) {
            return true;
        }
        Path path = Path.of(file.getAbsoluteFilePath());
        try {
            Path failed = path.getParent().resolve("failed");
            CsvIntake.writeErrors(failed, name, List.of(new CsvIntake.LineError(0, "the file name is " + bytes
                    + " bytes; the inbox takes names of at most " + MAX_NAME_BYTES + " bytes (UTF-8): send the file "
                    + "again under a shorter name")));
            Files.move(path, failed.resolve(name));
            log.warn("csv file {} from {} refused: its name is {} bytes", CsvIntake.printable(name),
                    path.getParent().getFileName(), bytes);
        } catch (IOException | RuntimeException e) {
            // gone already (another scan moved it) or not movable now: the next scan tries again
            log.debug("csv file {} with a long name could not be moved to failed/: {}", CsvIntake.printable(name),
                    e.toString());
        }
        return false;
    }
}
