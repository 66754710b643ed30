package nl.ketenhub.soap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import javax.xml.validation.Schema;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.OutboundFormatter;
import nl.ketenhub.delivery.PermanentDeliveryException;
import nl.ketenhub.oso.CanonicalToOso;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.soap.xml.Acknowledgement;
import nl.ketenhub.soap.xml.ApplicationStatus;
import nl.ketenhub.soap.xml.CanonicalEnvelope;
import nl.ketenhub.soap.xml.ObjectFactory;
import nl.ketenhub.soap.xml.Programme;
import nl.ketenhub.soap.xml.School;
import nl.ketenhub.soap.xml.Status;
import nl.ketenhub.soap.xml.StudentRef;
import org.springframework.stereotype.Component;

/**
 * The oso-xml format: a transfer dossier as an OSO gegevensset dossier, an application status and an acknowledgement
 * in the hub's own XML, any other message as a canonicalEnvelope element; each is the Body payload of the SOAP
 * messages in schemas/wsdl/overdracht.wsdl and is checked against the schema before it leaves.
 */
@Component
public class OsoXmlFormatter implements OutboundFormatter {

    private final CanonicalToOso toOso;
    private final OsoXml osoXml;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JAXBContext hubContext;
    private final Schema hubSchema;

    public OsoXmlFormatter(CanonicalToOso toOso, OsoXml osoXml, ObjectMapper mapper, Clock clock) {
        this.toOso = toOso;
        this.osoXml = osoXml;
        this.mapper = mapper;
        this.clock = clock;
        try {
            this.hubContext = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
        this.hubSchema = OsoXml.schema("schemas/wsdl/ketenhub-overdracht.xsd");
    }

    @Override
    public PartnerFormat format() {
        return PartnerFormat.OSO_XML;
    }

    @Override
    public String contentType() {
        return "application/xml";
    }

    @Override
    public String render(Envelope gated) {
        try {
            if (gated.type() == MessageType.TRANSFER_DOSSIER) {
                TransferDossier d = gated.payloadAs(mapper, TransferDossier.class);
                return osoXml.write(toOso.render(d, LocalDate.now(clock)));
            }
            ObjectFactory f = new ObjectFactory();
            if (gated.type() == MessageType.APPLICATION_STATUS) {
                return write(f.createApplicationStatus(applicationStatus(gated.payload())));
            }
            if (gated.type() == MessageType.ACKNOWLEDGEMENT && gated.relatesTo() != null) {
                Acknowledgement a = new Acknowledgement();
                a.setRelatesTo(gated.relatesTo());
                a.setResult(gated.payload().path("result").asText());
                a.setReason(text(gated.payload(), "reason"));
                a.setReasonCode(text(gated.payload(), "reasonCode"));
                return write(f.createAcknowledgement(a));
            }
            return canonicalEnvelope(mapper.writeValueAsString(gated), gated.type().wireName());
        } catch (IllegalStateException | JsonProcessingException e) {
            throw new PermanentDeliveryException("cannot render " + gated.messageId() + " as oso-xml: " + e.getMessage(), e);
        }
    }

    /** A canonical envelope (JSON) as the Body payload of a SOAP message. */
    public String canonicalEnvelope(String json, String type) {
        CanonicalEnvelope c = new CanonicalEnvelope();
        c.setType(type);
        c.setValue(json);
        return write(new ObjectFactory().createCanonicalEnvelope(c));
    }

    private ApplicationStatus applicationStatus(JsonNode p) {
        ApplicationStatus s = new ApplicationStatus();
        JsonNode st = p.path("student");
        StudentRef ref = new StudentRef();
        ref.setBsn(text(st, "bsn"));
        ref.setOnderwijsnummer(text(st, "onderwijsnummer"));
        ref.setBirthDate(LocalDate.parse(st.path("birthDate").asText()));
        ref.setGemeentecode(text(st, "gemeentecode"));
        ref.setHasStartkwalificatie(st.has("hasStartkwalificatie") ? st.get("hasStartkwalificatie").asBoolean() : null);
        s.setStudent(ref);
        s.setStatus(Status.fromValue(p.path("status").asText()));
        s.setStatusDate(LocalDate.parse(p.path("statusDate").asText()));
        s.setSchoolYear(text(p, "schoolYear"));
        JsonNode pr = p.path("programme");
        if (pr.isObject()) {
            Programme programme = new Programme();
            programme.setCrebo(text(pr, "crebo"));
            programme.setName(text(pr, "name"));
            programme.setLevel(pr.has("level") ? pr.get("level").asInt() : null);
            programme.setLearningPath(text(pr, "learningPath"));
            programme.setLocation(text(pr, "location"));
            programme.setStartDate(pr.has("startDate") ? LocalDate.parse(pr.get("startDate").asText()) : null);
            s.setProgramme(programme);
        }
        s.setMboSchool(school(p.path("mboSchool")));
        s.setVoSchool(school(p.path("voSchool")));
        s.setReason(text(p, "reason"));
        return s;
    }

    private static School school(JsonNode n) {
        if (!n.isObject()) {
            return null;
        }
        School s = new School();
        s.setBrin(text(n, "brin"));
        s.setVestigingscode(text(n, "vestigingscode"));
        s.setName(text(n, "name"));
        s.setOin(text(n, "oin"));
        return s;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private String write(JAXBElement<?> element) {
        try {
            Marshaller m = hubContext.createMarshaller();
            m.setSchema(hubSchema);
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            StringWriter out = new StringWriter();
            m.marshal(element, out);
            return out.toString();
        } catch (JAXBException e) {
            Throwable t = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new IllegalStateException("the message does not match the hub's SOAP schema: " + t.getMessage(), e);
        }
    }
}
