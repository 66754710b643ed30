package nl.ketenhub.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.util.HtmlUtils;

/**
 * SOAP faults written where CXF does not run: the security layer in front of the SOAP edge refuses a caller that is
 * not authenticated or not allowed with a soap:Client fault whose ketenhubFault detail carries the code
 * (unauthenticated, forbidden...) and the HTTP status the REST edge would answer. Like every SOAP 1.1 fault, it
 * travels with HTTP 500.
 */
public final class SoapFaultResponses {

    private SoapFaultResponses() {}

    public static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        String detailXml = SoapFaultDetail.fragment(code, status, title, detail);
        response.setStatus(500);
        response.setContentType("text/xml;charset=UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ketenhub\"");
        }
        response.getWriter().write("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>"
                + HtmlUtils.htmlEscape(title + ": " + detail) + "</faultstring><detail>" + detailXml
                + "</detail></soap:Fault></soap:Body></soap:Envelope>");
    }
}
