package nl.ketenhub.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ketenhub.canonical.Ids;
import nl.ketenhub.delivery.DeliveryExchange;
import nl.ketenhub.delivery.PermanentDeliveryException;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Partner;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The file channel's outbox: {@code deliver-file} stages a delivery's CSV rows once (keyed by the delivery), and
 * {@code csv-outbox-writer} gathers the staged rows per gemeente and kind into files. A batch (one file, one name)
 * is fixed in the database before the file is written and marked written after the atomic rename, so a file is
 * whole or absent and no row is written into two files.
 */
@Component("csvOutbox")
public class CsvOutbox {

    static final String DIRECTORY = "KetenhubCsvDirectory";
    static final String BATCH = "KetenhubCsvBatch";
    private static final Logger log = LoggerFactory.getLogger(CsvOutbox.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final JdbcClient jdbc;
    private final MessageLedger ledger;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CsvOutbox(JdbcClient jdbc, MessageLedger ledger, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** deliver-file: stages the rows of one delivery (the body is the gated canonical envelope). */
    public void stage(@ExchangeProperty(DeliveryExchange.PARTNER) Partner partner,
            @ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord d, @Body String body) throws IOException {
        JsonNode envelope = mapper.readTree(body);
        String type = envelope.path("type").asText();
        String kind = CsvColumns.KIND_BY_TYPE.getOrDefault(type, AbsenceCsv.KIND_BY_TYPE.get(type));
        if (kind == null) {
            throw new PermanentDeliveryException("the csv file channel has no columns for " + type + " messages", null);
        }
        String rows = lines(AbsenceCsv.handles(kind) ? AbsenceCsv.rows(kind, envelope) : CsvRows.of(kind, envelope));
        boolean staged = jdbc.sql("select count(*) from csv_outbox where delivery_id = ?").param(d.id())
                .query(Long.class).single() > 0;
        if (!staged) {
            try {
                jdbc.sql("insert into csv_outbox (delivery_id, tracking_id, recipient_oin, directory, kind, row_data, staged_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?)")
                        .params(d.id(), d.trackingId(), partner.oin(), partner.endpoint(), kind, rows,
                                Timestamp.from(clock.instant()))
                        .update();
            } catch (DuplicateKeyException race) {
                staged = true;
            }
        }
        ledger.event(d.trackingId(), "STAGED_FOR_FILE", partner.oin(), (staged ? "already staged" : "staged") + " for the next "
                + kind + " file in the drop directory");
    }

    /** csv-outbox-writer: the files to write now, unfinished batches first; each row lands in exactly one batch. */
    @Transactional
    public List<Message> pendingFiles(CamelContext camel) {
        List<Message> files = new ArrayList<>();
        for (String batch : jdbc.sql("select distinct batch_id from csv_outbox where batch_id is not null and written_at is null")
                .query(String.class).list()) {
            files.add(file(camel, batch));
        }
        record Group(String recipient, String directory, String kind) {}
        Map<Group, List<Long>> pending = new LinkedHashMap<>();
        jdbc.sql("select id, recipient_oin, directory, kind from csv_outbox where batch_id is null order by id")
                .query(rs -> {
                    pending.computeIfAbsent(new Group(rs.getString("recipient_oin"), rs.getString("directory"),
                            rs.getString("kind")), g -> new ArrayList<>()).add(rs.getLong("id"));
                });
        for (Map.Entry<Group, List<Long>> e : pending.entrySet()) {
            String batch = Ids.next();
            String name = e.getKey().kind() + "-" + e.getKey().recipient() + "-" + STAMP.format(clock.instant()) + "-"
                    + batch.substring(0, 8) + ".csv";
            for (Long id : e.getValue()) {
                jdbc.sql("update csv_outbox set batch_id = ?, file_name = ? where id = ? and batch_id is null")
                        .params(batch, name, id).update();
            }
            files.add(file(camel, batch));
        }
        return files;
    }

    private Message file(CamelContext camel, String batch) {
        record Row(String directory, String kind, String fileName, String data) {}
        List<Row> rows = jdbc.sql("select directory, kind, file_name, row_data from csv_outbox where batch_id = ? order by id")
                .param(batch).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        StringBuilder content = new StringBuilder(lines(List.of(CsvColumns.OUTBOUND.getOrDefault(rows.get(0).kind(),
                AbsenceCsv.OUTBOUND.get(rows.get(0).kind())))));
        rows.forEach(r -> content.append(r.data()));
        Message m = new DefaultMessage(camel);
        m.setBody(content.toString());
        m.setHeader(Exchange.FILE_NAME, rows.get(0).fileName());
        m.setHeader(DIRECTORY, rows.get(0).directory());
        m.setHeader(BATCH, batch);
        return m;
    }

    /** csv-outbox-writer, after the atomic rename: the batch's rows are written; the ledger says where. */
    @Transactional
    public void written(@Header(BATCH) String batch, @Header(Exchange.FILE_NAME) String fileName) {
        record Row(String trackingId, String recipient) {}
        List<Row> rows = jdbc.sql("select tracking_id, recipient_oin from csv_outbox where batch_id = ? and written_at is null")
                .param(batch).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list();
        jdbc.sql("update csv_outbox set written_at = ? where batch_id = ? and written_at is null")
                .params(Timestamp.from(clock.instant()), batch).update();
        rows.forEach(r -> ledger.event(r.trackingId(), "WRITTEN_TO_FILE", r.recipient(), fileName));
        log.info("wrote {} with {} row group(s)", fileName, rows.size());
    }

    /** CSV text of the rows, every cell {@linkplain #neutralised neutralised} against formula injection. */
    static String lines(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : rows) {
                printer.printRecord(row.stream().map(CsvOutbox::neutralised).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell a spreadsheet would take as a formula (OWASP CSV injection: a leading {@code =}, {@code +}, {@code -},
     * {@code @}, tab or carriage return) gets a leading apostrophe, so it is shown as text; other cells are unchanged.
     */
    static String neutralised(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
