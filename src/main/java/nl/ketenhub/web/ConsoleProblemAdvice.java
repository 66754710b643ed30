package nl.ketenhub.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * A console action on something that does not exist (or is refused) answers with its own status and a short page,
 * never a server error.
 */
@ControllerAdvice(basePackages = "nl.ketenhub.admin")
public class ConsoleProblemAdvice {

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<String> problem(ProblemException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + e.status().value()
                        + "</title><link rel=\"stylesheet\" href=\"/admin/assets/console.css\"></head><body>"
                        + "<main class=\"narrow\"><h1>" + HtmlUtils.htmlEscape(e.title()) + "</h1><p>"
                        + HtmlUtils.htmlEscape(e.getMessage() == null ? "" : e.getMessage())
                        + "</p><p><a href=\"/admin/\">Ketenhub</a></p></main></body></html>");
    }
}
