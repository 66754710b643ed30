package nl.ketenhub.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import nl.ketenhub.intake.IntakeOutcome;
import nl.ketenhub.intake.IntakeRejections;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
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
        message.put(RAW, bytes);
        message.setContent(InputStream.class, new ByteArrayInputStream(bytes));
    }
}
