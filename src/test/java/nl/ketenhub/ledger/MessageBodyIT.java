package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger gives back every envelope exactly as received, and keeps large ones compressed. */
class MessageBodyIT extends HubIntegrationTest {

    private static final String VO = "00000099800000000701";
    private static final String MBO = "00000099800000000702";

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldKeepALargeDossierCompressedAndGiveItBackUnchanged() {
        String json = bulkyDossier("body-it-large-0001", Fixtures.BSNS[3]);
        assertThat(json.length()).isGreaterThan(BodyCompression.FROM_CHARS);

        String trackingId = record("body-it-large-0001", json);

        assertThat(ledger.body(trackingId)).contains(json);
        Stored stored = stored(trackingId);
        assertThat(stored.text()).as("not kept as text").isNull();
        assertThat(stored.gzipBytes()).as("no longer written as gzip").isZero();
        assertThat(stored.zstdBytes()).as("compressed to well under half").isPositive().isLessThan(json.length() / 2);
    }

    @Test
    void shouldStillGiveBackALargeBodyWrittenAsGzipBeforeZstd() throws Exception {
        String json = bulkyDossier("body-it-gzip-0001", Fixtures.BSNS[5]);
        String trackingId = record("body-it-gzip-0001", json);
        // the row as the ledger wrote it before migration V22
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        jdbc.sql("update message_body set body = null, body_zstd = null, body_gzip = ? where tracking_id = ?")
                .params(gzipped.toByteArray(), trackingId).update();
        assertThat(stored(trackingId).gzipBytes()).isPositive();

        assertThat(ledger.body(trackingId)).contains(json);
    }

    @Test
    void shouldKeepASmallMessageAsReadableText() {
        ObjectNode dossier = Fixtures.dossier(VO, MBO, Fixtures.BSNS[4]);
        dossier.put("messageId", "body-it-small-0001");
        String json = Fixtures.json(dossier);
        assertThat(json.length()).isLessThan(BodyCompression.FROM_CHARS);

        String trackingId = record("body-it-small-0001", json);

        assertThat(ledger.body(trackingId)).contains(json);
        assertThat(stored(trackingId).text()).isEqualTo(json);
        assertThat(stored(trackingId).gzipBytes()).isZero();
        assertThat(stored(trackingId).zstdBytes()).isZero();
    }

    /** A dossier with many remarks, as schools send them (non-ASCII included): well above the compression threshold. */
    private static String bulkyDossier(String messageId, String bsn) {
        ObjectNode dossier = Fixtures.dossier(VO, MBO, bsn);
        dossier.put("messageId", messageId);
        ArrayNode notes = ((ObjectNode) dossier.get("payload")).putArray("bulkyForThisTest");
        for (int i = 0; i < 2_000; i++) {
            notes.add("toelichting " + i + ": één leerling, café-bezoek, ‘extra’ begeleiding");
        }
        return Fixtures.json(dossier);
    }

    private String record(String messageId, String json) {
        return ledger.recordReceived(new MessageLedger.NewMessage(messageId, VO, MBO, "transfer-dossier", null, null,
                "rest", json.length(), Hashes.sha256(json), json));
    }

    private record Stored(String text, int zstdBytes, int gzipBytes) {}

    private Stored stored(String trackingId) {
        return jdbc.sql("select body, body_zstd, body_gzip from message_body where tracking_id = ?").param(trackingId)
                .query((rs, n) -> {
                    byte[] zstd = rs.getBytes("body_zstd");
                    byte[] gz = rs.getBytes("body_gzip");
                    return new Stored(rs.getString("body"), zstd == null ? 0 : zstd.length, gz == null ? 0 : gz.length);
                })
                .single();
    }
}
