package nl.ketenhub.oso;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.oso.xml.ObjectFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Reads and writes OSO dossier XML with the hub's schema (schemas/oso/oso-gegevensset-2019.xsd): what the hub writes
 * is validated before it leaves; what it reads outside the SOAP edge is parsed without DTDs or external entities.
 */
@Component
public class OsoXml {

    public static final String NAMESPACE = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
    public static final String SCHEMA = "schemas/oso/oso-gegevensset-2019.xsd";

    private final JAXBContext context;
    private final Schema schema;
    private final XMLInputFactory inputs;

    public OsoXml() {
        try {
            this.context = JAXBContext.newInstance(ObjectFactory.class);
            this.schema = schema(SCHEMA);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot bind the OSO classes", e);
        }
        this.inputs = XMLInputFactory.newFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputs.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    /** A compiled schema of one or more XSDs from the classpath; schemas never load anything from outside. */
    public static Schema schema(String... classpathLocations) {
        javax.xml.transform.Source[] sources = new javax.xml.transform.Source[classpathLocations.length];
        for (int i = 0; i < classpathLocations.length; i++) {
            URL url = OsoXml.class.getClassLoader().getResource(classpathLocations[i]);
            if (url == null) {
                throw new IllegalStateException("schema " + classpathLocations[i] + " is not on the classpath");
            }
            sources[i] = new javax.xml.transform.stream.StreamSource(url.toExternalForm());
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("schemas " + String.join(", ", classpathLocations) + " do not compile", e);
        }
    }

    public Schema schema() {
        return schema;
    }

    public JAXBContext context() {
        return context;
    }

    /** The dossier as XML, validated against the hub's OSO schema. */
    public String write(Dossier dossier) {
        try {
            Marshaller m = context.createMarshaller();
            m.setSchema(schema);
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            m.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
            StringWriter out = new StringWriter();
            m.marshal(new ObjectFactory().createDossier(dossier), out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("the rendered OSO dossier does not match the schema: " + reason(e), e);
        }
    }

    /** A dossier from XML, schema-validated, without DTD or entity processing. */
    public Dossier read(byte[] xml) {
        try {
            XMLStreamReader reader = inputs.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                Unmarshaller u = context.createUnmarshaller();
                u.setSchema(schema);
                JAXBElement<Dossier> element = u.unmarshal(reader, Dossier.class);
                return element.getValue();
            } finally {
                reader.close();
            }
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalArgumentException("not a valid OSO dossier: " + reason(e), e);
        } catch (RuntimeException e) {
            // the StAX parser reports some input errors (a malformed UTF-8 sequence in text) unchecked, and late
            throw new IllegalArgumentException("not a valid OSO dossier: " + reason(e), e);
        }
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof JAXBException j && j.getLinkedException() != null ? j.getLinkedException() : e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
