package nl.ketenhub.availability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a controller's store failure with 503 and {@code Retry-After} before Spring MVC's own resolvers see it.
 *
 * <p>They must not: Spring's {@code DefaultHandlerExceptionResolver} takes any exception whose innermost cause says
 * "connection reset by peer" or "broken pipe" for a client that went away and answers with an empty 200. When a
 * broker dies under a send, the JMS client's exception says exactly that of the <em>broker's</em> connection, so the
 * sender got 200 without a receipt, took it for done and never sent the message again.
 */
final class StoreFaultResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StoreFaultResolver.class);

    private final HubAvailability availability;
    private final UnavailableAnswer answer;

    StoreFaultResolver(HubAvailability availability, UnavailableAnswer answer) {
        this.availability = availability;
        this.answer = answer;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (!StoreFaults.isStoreFault(failure) || response.isCommitted()) {
            return null;
        }
        availability.recheck();
        log.warn("{} {} met a store failure, answered 503: {}", request.getMethod(), request.getRequestURI(),
                UnavailableAnswer.rootOf(failure));
        try {
            response.reset();
            answer.write(request, response, UnavailableAnswer.STORE_FAILED);
        } catch (IOException | IllegalStateException e) {
            log.warn("could not answer 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        }
        return new ModelAndView();
    }

    /** Right behind Spring Boot's error attributes (which only note the exception), before every resolver that answers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
