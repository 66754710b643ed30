package nl.ketenhub.soap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a SOAP request whose Content-Type CXF cannot take (an unknown charset, multipart/related, another media type)
 * reach the hub's own checks instead of failing inside CXF's transport with a bare 500: the request goes on as plain
 * {@code text/xml} and carries what was wrong, and {@link XmlGuardInterceptor} answers it with a soap:Client fault
 * with the hub's code.
 */
class SoapContentTypeFilter extends OncePerRequestFilter {

    /** Request attribute: why the Content-Type was refused (a sentence for the sender). */
    static final String REFUSED = "ketenhub.soap.content-type-refused";
    /** Request attribute: the hub's fault code for the refused Content-Type. */
    static final String REFUSED_CODE = "ketenhub.soap.content-type-refused-code";
    /** Request attribute: the charset the sender named, when it named one. */
    static final String DECLARED_CHARSET = "ketenhub.soap.declared-charset";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        String refused = null;
        String code = "unsupported-media-type";
        String charset = null;
        if (contentType == null || contentType.isBlank()) {
            refused = "no Content-Type: a SOAP 1.1 request is text/xml";
        } else {
            String[] parts = contentType.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    charset = p.substring(8).trim().replace("\"", "").replace("'", "");
                }
            }
            if (!media.equals("text/xml")) {
                refused = "Content-Type " + media + " is not accepted: a SOAP 1.1 request is text/xml (no attachments, "
                        + "no MTOM, no SOAP 1.2)";
            } else if (charset != null && !supported(charset)) {
                refused = "charset " + printable(charset) + " is unknown: send UTF-8 (or UTF-16)";
                code = "unsupported-charset";
            }
        }
        if (refused == null) {
            if (charset != null) {
                request.setAttribute(DECLARED_CHARSET, charset);
            }
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(REFUSED, refused);
        request.setAttribute(REFUSED_CODE, code);
        chain.doFilter(new PlainXml(request), response);
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String printable(String s) {
        String cleaned = s.replaceAll("[^\\x21-\\x7E]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    /** The request as plain UTF-8 text/xml, so CXF's transport accepts it and the interceptor can refuse it. */
    private static final class PlainXml extends HttpServletRequestWrapper {
        private static final String PLAIN = "text/xml; charset=UTF-8";

        PlainXml(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return PLAIN;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? PLAIN : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(PLAIN))
                    : super.getHeaders(name);
        }
    }
}
