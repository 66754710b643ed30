package nl.ketenhub.soap;

import java.util.List;
import javax.xml.namespace.QName;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.web.IntakeOutcome;
import nl.ketenhub.web.SoapFaultDetail;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * SOAP faults with a machine-readable detail (ketenhubFault: code, the HTTP status the REST edge would answer,
 * title, detail, and each violation with its path). faultcode is soap:Client for what the sender must fix and
 * soap:Server for the hub's own trouble.
 */
final class SoapFaults {

    static final QName CLIENT = new QName(Soap11.SOAP_NAMESPACE, "Client");
    static final QName SERVER = new QName(Soap11.SOAP_NAMESPACE, "Server");

    private SoapFaults() {}

    static SoapFault of(IntakeOutcome.Rejected r) {
        return of(r.type(), r.status().value(), r.title(), r.detail(), r.violations(), r.messageId());
    }

    static SoapFault of(String code, int status, String title, String detail, List<Violation> violations, String messageId) {
        SoapFault fault = new SoapFault(title + ": " + detail, status >= 500 ? SERVER : CLIENT);
        fault.setDetail(SoapFaultDetail.of(code, status, title, detail, violations, messageId));
        return fault;
    }
}
