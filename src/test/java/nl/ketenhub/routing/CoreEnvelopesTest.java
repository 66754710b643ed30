package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;
import org.junit.jupiter.api.Test;

class CoreEnvelopesTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @Test
    void shouldReadADossierWithoutItsSectionsButWithEverythingTheCoreReads() throws IOException {
        ObjectNode dossier = example("transfer-dossier");
        byte[] queued = mapper.writeValueAsBytes(dossier);

        Envelope read = CoreEnvelopes.read(mapper, queued, MessageType.TRANSFER_DOSSIER.wireName());

        assertThat(read.type()).isEqualTo(MessageType.TRANSFER_DOSSIER);
        assertThat(read.messageId()).isEqualTo(dossier.get("messageId").asText());
        assertThat(read.sender()).isEqualTo(dossier.get("sender").asText());
        assertThat(read.recipient()).isEqualTo(dossier.get("recipient").asText());
        assertThat(read.payload().fieldNames()).toIterable()
                .containsExactly("schoolYear", "school", "receivingSchool", "programme", "consentEvidence", "student");
        assertThat(read.payload().get("student")).isEqualTo(dossier.at("/payload/student"));
        TransferDossier.Summary summary = read.payloadAs(mapper, TransferDossier.Summary.class);
        TransferDossier.Summary whole = mapper.treeToValue(dossier.get("payload"), TransferDossier.Summary.class);
        assertThat(summary).isEqualTo(whole);
    }

    @Test
    void shouldReadTheSameFromTextAsFromBytes() throws IOException {
        ObjectNode dossier = example("transfer-dossier");
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(dossier);

        Envelope fromText = CoreEnvelopes.read(mapper, text, MessageType.TRANSFER_DOSSIER.wireName());
        Envelope fromBytes = CoreEnvelopes.read(mapper, text.getBytes(StandardCharsets.UTF_8),
                MessageType.TRANSFER_DOSSIER.wireName());

        assertThat(fromText).isEqualTo(fromBytes);
    }

    @Test
    void shouldReadADossierWholeWhenTheQueuedMessageDoesNotSayItIsOne() throws IOException {
        ObjectNode dossier = example("transfer-dossier");

        Envelope read = CoreEnvelopes.read(mapper, mapper.writeValueAsBytes(dossier), null);

        assertThat(read.payload()).isEqualTo(dossier.get("payload"));
    }

    @Test
    void shouldReadAnyOtherEnvelopeWholeEvenWhenItsTypeHeaderSaysDossier() throws IOException {
        // members named like dossier sections, in a message that is not a dossier, are the message's own
        ObjectNode status = example("application-status");
        ((ObjectNode) status.get("payload")).putObject("attendance").put("note", "kept");
        ((ObjectNode) status.get("payload")).putArray("results").add("kept");

        Envelope read = CoreEnvelopes.read(mapper, mapper.writeValueAsBytes(status),
                MessageType.TRANSFER_DOSSIER.wireName());

        assertThat(read.type()).isEqualTo(MessageType.APPLICATION_STATUS);
        assertThat(read.payload()).isEqualTo(status.get("payload"));
    }

    private ObjectNode example(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/payloads/fixtures/" + type + ".json")) {
            return (ObjectNode) mapper.readTree(in);
        }
    }
}
