package nl.ketenhub.soap;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.stax.StAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import nl.ketenhub.canonical.Violation;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a SOAP message before anything else reads it, in one streaming pass: no DTD (so no entity expansion and no
 * external entities), limits on nesting depth, element count and attribute size, well-formedness, and the Body's
 * payload against the hub's schemas with the element path of every violation.
 */
public class XmlGuard {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /** Why a message was refused: a machine-readable code, a sentence, and the violations with their paths. */
    public record Refusal(String code, String detail, List<Violation> violations) {}

    /**
     * The outcome of a check: a refusal, or the payload's element name when the message may pass; with the encoding
     * the message is written in and its WS-Addressing MessageID headers (how many, and the first one's text).
     */
    public record Result(Refusal refusal, String payloadElement, String encoding, int messageIds, String messageId) {
        Result(Refusal refusal, String payloadElement) {
            this(refusal, payloadElement, null, 0, null);
        }

        public boolean passed() {
            return refusal == null;
        }
    }

    static final String WSA = "http://www.w3.org/2005/08/addressing";
    private static final String ACTIONS = "https://ketenhub.nl/ws/overdracht/v1/";
    /** The wsa:Action of each operation (the WSDL's), by its Body element's local name. */
    private static final java.util.Map<String, String> ACTION_OF = java.util.Map.of(
            "dossier", ACTIONS + "Dossier", "applicationStatus", ACTIONS + "ApplicationStatus",
            "acknowledgement", ACTIONS + "Acknowledgement", "canonicalEnvelope", ACTIONS + "CanonicalEnvelope");

    private final XMLInputFactory inputs;
    private final Schema payloadSchema;
    private final SoapProperties limits;

    public XmlGuard(Schema payloadSchema, SoapProperties limits) {
        this.payloadSchema = payloadSchema;
        this.limits = limits;
        this.inputs = XMLInputFactory.newFactory();
        inputs.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        inputs.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        inputs.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        inputs.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    public Result check(byte[] message) {
        Guarded reader = null;
        try {
            reader = new Guarded(inputs.createXMLStreamReader(new ByteArrayInputStream(message)));
            String payload = null;
            int bodies = 0;
            int messageIds = 0;
            String messageId = null;
            StringBuilder messageIdText = null;
            String replyHeader = null;
            StringBuilder addressText = null;
            String action = null;
            StringBuilder actionText = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && reader.depth() == 3
                        && ("{" + SOAP11 + "}Header").equals(reader.parentName())
                        && ("{" + WSA + "}Action").equals(reader.currentName())) {
                    actionText = new StringBuilder();
                } else if (actionText != null && (event == XMLStreamConstants.CHARACTERS
                        || event == XMLStreamConstants.CDATA)) {
                    actionText.append(reader.getText());
                } else if (actionText != null && event == XMLStreamConstants.END_ELEMENT && reader.depth() == 3) {
                    action = action == null ? actionText.toString().trim() : action;
                    actionText = null;
                }
                // the hub answers on the same connection only: a ReplyTo or FaultTo elsewhere is the sender's mistake
                if (event == XMLStreamConstants.START_ELEMENT && reader.depth() == 3
                        && ("{" + SOAP11 + "}Header").equals(reader.parentName())
                        && (("{" + WSA + "}ReplyTo").equals(reader.currentName())
                                || ("{" + WSA + "}FaultTo").equals(reader.currentName()))) {
                    replyHeader = reader.getLocalName();
                } else if (replyHeader != null && event == XMLStreamConstants.START_ELEMENT && reader.depth() == 4
                        && ("{" + WSA + "}Address").equals(reader.currentName())) {
                    addressText = new StringBuilder();
                } else if (addressText != null && (event == XMLStreamConstants.CHARACTERS
                        || event == XMLStreamConstants.CDATA)) {
                    addressText.append(reader.getText());
                } else if (addressText != null && event == XMLStreamConstants.END_ELEMENT && reader.depth() == 4) {
                    String address = addressText.toString().trim();
                    if (!address.equals(WSA + "/anonymous") && !address.equals(WSA + "/none")) {
                        return new Result(new Refusal("only-anonymous-address", "wsa:" + replyHeader + " must be the "
                                + "anonymous address " + WSA + "/anonymous: the hub answers on the same connection only",
                                List.of(new Violation("/Envelope/Header/" + replyHeader + "/Address",
                                        "not the anonymous address"))), null);
                    }
                    addressText = null;
                } else if (replyHeader != null && event == XMLStreamConstants.END_ELEMENT && reader.depth() == 3) {
                    replyHeader = null;
                }
                if (event == XMLStreamConstants.START_ELEMENT && reader.depth() == 2 && isBody(reader.currentName())
                        && ++bodies > 1) {
                    return new Result(new Refusal("not-soap", "a SOAP Envelope has exactly one Body; this one has more",
                            List.of(new Violation(reader.path(), "a second Body"))), null);
                }
                if (event == XMLStreamConstants.START_ELEMENT && reader.depth() == 3
                        && ("{" + SOAP11 + "}Header").equals(reader.parentName())
                        && ("{" + WSA + "}MessageID").equals(reader.currentName())) {
                    messageIds++;
                    messageIdText = new StringBuilder();
                } else if (messageIdText != null && (event == XMLStreamConstants.CHARACTERS
                        || event == XMLStreamConstants.CDATA)) {
                    messageIdText.append(reader.getText());
                } else if (messageIdText != null && event == XMLStreamConstants.END_ELEMENT && reader.depth() == 3) {
                    if (messageId == null) {
                        messageId = messageIdText.toString().trim();
                    }
                    messageIdText = null;
                }
                if (event == XMLStreamConstants.START_ELEMENT && reader.depth() == 3 && isBody(reader.parentName())) {
                    if (payload != null) {
                        return new Result(new Refusal("not-soap", "a SOAP Body holds exactly one element; this one has "
                                + "more", List.of(new Violation(reader.path(), "a second element in the Body"))), null);
                    }
                    payload = reader.getLocalName();
                    List<Violation> violations = validate(reader);
                    if (reader.refusal != null) {
                        return new Result(reader.refusal, null);
                    }
                    if (!violations.isEmpty()) {
                        return new Result(new Refusal("schema-violation", violations.size()
                                + " violation(s) of the schema of " + payload, violations), payload);
                    }
                }
            }
            if (payload == null) {
                return new Result(new Refusal("not-soap", "expected a SOAP 1.1 Envelope with one element in its Body",
                        List.of(new Violation("/Envelope/Body", "no payload element"))), null);
            }
            // the operation is the Body's: a wsa:Action naming another (or none the WSDL knows) is the sender's mistake
            String expected = ACTION_OF.get(payload);
            if (action != null && expected != null && !action.equals(expected)) {
                return new Result(new Refusal("action-mismatch", "wsa:Action '" + action + "' does not match the "
                        + payload + " in the Body, whose action is " + expected,
                        List.of(new Violation("/Envelope/Header/Action", "not the action of " + payload))), payload);
            }
            return new Result(null, payload, reader.getEncoding(), messageIds, messageId);
        } catch (XMLStreamException | RuntimeException e) {
            if (reader != null && reader.refusal != null) {
                return new Result(reader.refusal, null);
            }
            String where = reader == null ? "" : reader.path();
            return new Result(new Refusal("not-well-formed", "the message is not well-formed XML: " + message(e),
                    List.of(new Violation(where, message(e)))), null);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the byte array
                }
            }
        }
    }

    private static boolean isBody(String qualified) {
        return ("{" + SOAP11 + "}Body").equals(qualified);
    }

    /** Validates the payload subtree the reader stands on; the reader keeps enforcing the limits meanwhile. */
    private List<Violation> validate(Guarded reader) {
        List<Violation> violations = new ArrayList<>();
        int bodyDepth = reader.depth() - 1;
        Validator validator = payloadSchema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings never refuse a message
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                violations.add(new Violation(reader.pathFrom(bodyDepth), clean(e.getMessage())));
                if (violations.size() >= limits.maxViolations()) {
                    throw e;
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                if (reader.refusal == null) {
                    String m = clean(e.getMessage());
                    reader.refusal = new Refusal("not-well-formed", "the message is not well-formed XML: " + m,
                            List.of(new Violation(reader.path(), m)));
                }
                throw e;
            }
        });
        try {
            validator.validate(new StAXSource(reader));
        } catch (SAXException | java.io.IOException | RuntimeException e) {
            if (reader.refusal == null && causedByParser(e)) {
                reader.refusal = new Refusal("not-well-formed", "the message is not well-formed XML: " + message(e),
                        List.of(new Violation(reader.path(), message(e))));
            }
            if (reader.refusal == null && violations.isEmpty()) {
                violations.add(new Violation(reader.pathFrom(bodyDepth), clean(message(e))));
            }
        }
        return violations;
    }

    private static boolean causedByParser(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XMLStreamException) {
                return true;
            }
        }
        return false;
    }

    /** Xerces prefixes its messages with a code (cvc-complex-type.2.4.a: ...): the sentence is what a sender needs. */
    static String clean(String message) {
        if (message == null) {
            return "invalid";
        }
        return message.replaceFirst("^cvc-[a-zA-Z0-9.-]+: ", "").replace("\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\":", "")
                .replace("\"https://ketenhub.nl/ws/overdracht/v1\":", "");
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }

    /** A reader that tracks the element path and refuses, at once, what breaks a limit. */
    private final class Guarded extends StreamReaderDelegate {

        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<String> qualified = new ArrayDeque<>();
        private boolean popPending;
        private int elements;
        Refusal refusal;

        Guarded(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            if (popPending) {
                path.removeLast();
                qualified.removeLast();
                popPending = false;
            }
            int event = super.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        refuse("dtd-not-allowed", "a DOCTYPE (DTD) or entity is not allowed in a message; the hub never "
                                + "expands entities or loads external ones", path());
                case XMLStreamConstants.START_ELEMENT -> {
                    path.addLast(getLocalName());
                    qualified.addLast("{" + (getNamespaceURI() == null ? "" : getNamespaceURI()) + "}" + getLocalName());
                    if (path.size() > limits.maxDepth()) {
                        refuse("too-deep", "elements are nested deeper than " + limits.maxDepth() + " levels", path());
                    }
                    if (++elements > limits.maxElements()) {
                        refuse("too-many-elements", "the message has more than " + limits.maxElements() + " elements",
                                path());
                    }
                    for (int i = 0; i < getAttributeCount(); i++) {
                        String value = getAttributeValue(i);
                        if (value != null && value.length() > limits.maxAttributeChars()) {
                            refuse("attribute-too-large", "attribute " + getAttributeLocalName(i) + " has "
                                    + value.length() + " characters; at most " + limits.maxAttributeChars() + " are accepted",
                                    path() + "/@" + getAttributeLocalName(i));
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> popPending = true;
                default -> {
                    // text, comments and processing instructions pass; their size counts against the message limit
                }
            }
            return event;
        }

        private void refuse(String code, String detail, String where) throws XMLStreamException {
            refusal = new Refusal(code, detail, List.of(new Violation(where, detail)));
            throw new XMLStreamException(detail);
        }

        int depth() {
            return path.size();
        }

        String currentName() {
            return qualified.isEmpty() ? "" : qualified.peekLast();
        }

        String parentName() {
            if (qualified.size() < 2) {
                return "";
            }
            var it = qualified.descendingIterator();
            it.next();
            return it.next();
        }

        String path() {
            return "/" + String.join("/", path);
        }

        /** The path below the given depth (the payload's path without Envelope and Body). */
        String pathFrom(int depth) {
            List<String> parts = new ArrayList<>(path);
            return "/" + String.join("/", parts.subList(Math.min(depth, parts.size()), parts.size()));
        }
    }
}
