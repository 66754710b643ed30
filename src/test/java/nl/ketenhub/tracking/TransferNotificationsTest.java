package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.canonical.Acknowledgement;
import nl.ketenhub.canonical.ApplicationStatus;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.canonical.StudentRef;
import nl.ketenhub.partner.PartnerRepository;
import org.junit.jupiter.api.Test;

/** Every notification transfer tracking writes is a valid canonical envelope, so partners can validate what they get. */
class TransferNotificationsTest {

    private static final Instant NOW = Instant.parse("2027-10-01T07:00:00Z");
    private static final String HUB = "00000099000000000000";
    private static final String VO = "00000099700000000001";
    private static final String MBO = "00000099700000000101";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CanonicalValidator validator = new CanonicalValidator(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TransferNotifications notifications;
    private final StudentRef student = new StudentRef("628194821", null, LocalDate.of(2010, 5, 14), "0998", false);

    TransferNotificationsTest() {
        PartnerRepository partners = mock(PartnerRepository.class);
        when(partners.findByOin(anyString())).thenReturn(Optional.empty());
        notifications = new TransferNotifications(partners, mapper, new TrackingProperties(ZoneId.of("Europe/Amsterdam"),
                List.of(), 5, "10-01", 23, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(10), 200));
    }

    private static Transfer overdue() {
        Instant delivered = Instant.parse("2027-04-19T07:00:00Z");
        return new Transfer("3f1c2a9e-4b7d-4e58-9a51-2f7c1d0a0001", "ab12", VO, "01AA", MBO, "25XA01", "2026-2027", 2027,
                TransferState.AANMELDING_ONTVANGEN, TransferState.OVERDUE, ApplicationStatus.Status.AANMELDING_ONTVANGEN,
                LocalDate.of(2027, 4, 22), "support-needs", LocalDate.of(2027, 7, 15), "9b7c2a9e-4b7d-4e58-9a51-2f7c1d0a0002",
                "7d1c6f0e-5b7a-4c1e-9a51-2f7c1d0a0001", delivered, delivered, delivered, LocalDate.of(2027, 4, 26), null,
                null, null, null, Instant.parse("2027-04-27T07:00:00Z"), LocalDate.of(2027, 4, 30), null, null, null, null,
                delivered, delivered);
    }

    @Test
    void shouldWriteValidReminderEscalationRejectionAndSignal() throws Exception {
        Transfer t = overdue();
        List<Notification> all = List.of(
                notifications.reminder(t, Optional.of(student)),
                notifications.escalation(t, Optional.of(student)),
                notifications.rejection(t, Optional.of(student),
                        new Acknowledgement("rejected", "Deze opleiding bieden wij niet aan", "wrong-institution")),
                notifications.rmcSignal(List.of(t), student, LocalDate.of(2027, 10, 1)));
        for (Notification n : all) {
            Envelope e = new Envelope("ack-reminder-" + t.dossierTrackingId(), MessageType.NOTIFICATION, HUB, VO, NOW,
                    t.dossierMessageId(), mapper.valueToTree(n));
            assertThat(validator.validate(mapper.valueToTree(e))).as(n.kind()).isEmpty();
        }
    }

    @Test
    void shouldTellTheGemeenteWhatIsKnownButNoDossierContent() {
        Notification signal = notifications.rmcSignal(List.of(overdue()), student, LocalDate.of(2027, 10, 1));

        assertThat(signal.facts()).containsEntry("applicationStatus", "aanmelding-ontvangen")
                .containsEntry("dossierDelivered", "2027-04-19")
                .containsEntry("acknowledgementDue", "2027-04-26")
                .containsEntry("reminded", "2027-04-27")
                .doesNotContainKey("heldForConsent");
        assertThat(signal.mboSchool().brin()).isEqualTo("25XA");
        assertThat(signal.mboSchool().vestigingscode()).isEqualTo("01");
        assertThat(mapper.valueToTree(signal).toString()).doesNotContain("support-needs");
    }

    @Test
    void shouldUseOneMessageIdPerDossierSoARepeatIsNotSentTwice() {
        Transfer t = overdue();

        assertThat(TransferNotifications.reminderId(t)).isEqualTo(TransferNotifications.reminderId(overdue()))
                .matches("^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$");
        assertThat(TransferNotifications.escalationId(t)).isNotEqualTo(TransferNotifications.reminderId(t))
                .matches("^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$");
        assertThat(TransferDeadlines.rmcSignalId(new TransferRepository.RmcGroup("ab12", "2026-2027"), VO))
                .isEqualTo(TransferDeadlines.rmcSignalId(new TransferRepository.RmcGroup("ab12", "2026-2027"), VO))
                .isNotEqualTo(TransferDeadlines.rmcSignalId(new TransferRepository.RmcGroup("ab12", "2026-2027"), MBO))
                .matches("^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$");
    }
}
