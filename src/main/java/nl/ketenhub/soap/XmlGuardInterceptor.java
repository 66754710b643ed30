package nl.ketenhub.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.http.HttpStatus;

/**
 * First step of every SOAP request: reads at most the size limit, refuses a larger message, and lets the
 * {@link XmlGuard} check it before CXF parses anything. A refusal is a precise fault and an entry for the admin.
 */
class XmlGuardInterceptor extends AbstractPhaseInterceptor<SoapMessage> {

    static final String RAW = "ketenhub.soap.raw";

    private final XmlGuard guard;
    private final IntakeService intake;
    private final IntakeRejections rejections;
    private final int maxBytes;

    XmlGuardInterceptor(XmlGuard guard, IntakeService intake, IntakeRejections rejections, int maxBytes) {
        super(Phase.RECEIVE);
        this.guard = guard;
        this.intake = intake;
        this.rejections = rejections;
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return;
        }
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        Partner partner = SoapCaller.partner();
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        Object contentTypeRefused = request == null ? null : request.getAttribute(SoapContentTypeFilter.REFUSED);
        if (contentTypeRefused != null) {
            throw refuse(partner, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    String.valueOf(request.getAttribute(SoapContentTypeFilter.REFUSED_CODE)), "Content-Type not accepted",
                    contentTypeRefused.toString(), "/", null);
        }
        long declared = request == null ? -1 : request.getContentLengthLong();
        if (declared > maxBytes) {
            throw SoapFaults.of(intake.tooLarge(Channel.SOAP, partner, declared));
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new Fault(e);
        }
        if (bytes.length > maxBytes) {
            throw SoapFaults.of(intake.tooLarge(Channel.SOAP, partner, bytes.length));
        }
        XmlGuard.Result result = guard.check(bytes);
        if (!result.passed()) {
            XmlGuard.Refusal r = result.refusal();
            IntakeOutcome.Rejected rejected = new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, r.code(),
                    r.code().equals("schema-violation") ? "Message does not match the schema" : "Message refused by the XML guard",
                    r.detail(), r.violations(), null);
            rejections.record(Channel.SOAP.wireName(), partner == null ? null : partner.oin(), rejected, bytes);
            throw SoapFaults.of(rejected);
        }
        bytes = asUtf8(partner, result.encoding(), request == null ? null
                : (String) request.getAttribute(SoapContentTypeFilter.DECLARED_CHARSET), bytes);
        if (result.messageIds() != 1 || result.messageId() == null || result.messageId().isBlank()) {
            String problem = result.messageIds() > 1 ? "wsa:MessageID must appear once; this message has "
                    + result.messageIds() : "wsa:MessageID is required and must not be empty";
            throw refuse(partner, HttpStatus.BAD_REQUEST, "addressing-header-missing", "WS-Addressing headers missing",
                    problem, "/Envelope/Header/MessageID", bytes);
        }
        message.put(RAW, bytes);
        message.put(Message.ENCODING, StandardCharsets.UTF_8.name());
        message.setContent(InputStream.class, new ByteArrayInputStream(bytes));
    }

    /**
     * The message as UTF-8, which is what CXF then reads: UTF-8 as it is, UTF-16 (WS-I Basic Profile 1.1 allows
     * both) decoded and written again as UTF-8 with its XML declaration adjusted; any other encoding, or a charset
     * in the Content-Type that is not the one the message is written in, is refused.
     */
    private byte[] asUtf8(Partner partner, String detected, String declared, byte[] bytes) {
        Charset actual;
        try {
            actual = detected == null ? StandardCharsets.UTF_8 : Charset.forName(detected);
        } catch (IllegalArgumentException e) {
            actual = null;
        }
        boolean utf8 = StandardCharsets.UTF_8.equals(actual);
        boolean utf16 = actual != null && actual.name().startsWith("UTF-16");
        if (!utf8 && !utf16) {
            throw refuse(partner, HttpStatus.BAD_REQUEST, "unsupported-encoding", "Message encoding not accepted",
                    "the message is written in " + SoapContentTypeFilter.printable(String.valueOf(detected))
                            + "; SOAP messages must be UTF-8 or UTF-16", "/", bytes);
        }
        if (declared != null) {
            Charset named = Charset.forName(declared);
            boolean agrees = utf8 ? named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII)
                    : named.name().startsWith("UTF-16");
            if (!agrees) {
                throw refuse(partner, HttpStatus.BAD_REQUEST, "charset-mismatch", "Content-Type charset does not match",
                        "the Content-Type names charset " + SoapContentTypeFilter.printable(declared)
                                + " but the message is written in " + actual.name(), "/", null);
            }
        }
        if (utf8) {
            return bytes;
        }
        String text = new String(bytes, actual);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        text = XML_DECLARATION_ENCODING.matcher(text).replaceFirst("$1UTF-8$3");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final java.util.regex.Pattern XML_DECLARATION_ENCODING =
            java.util.regex.Pattern.compile("^(<\\?xml[^>]*?encoding\\s*=\\s*[\"'])([^\"']*)([\"'])");

    private SoapFault refuse(Partner partner, HttpStatus status, String code, String title, String detail, String path,
            byte[] body) {
        IntakeOutcome.Rejected rejected = new IntakeOutcome.Rejected(status, code, title, detail,
                List.of(new Violation(path, detail)), null);
        rejections.record(Channel.SOAP.wireName(), partner == null ? null : partner.oin(), rejected, body);
        return SoapFaults.of(rejected);
    }
}
