package nl.ketenhub.web;

import java.util.List;
import nl.ketenhub.canonical.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns errors of the REST API into problem+json answers. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ProblemAdvice {

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        if (detail != null && detail.contains("\n")) {
            detail = detail.substring(0, detail.indexOf('\n'));
        }
        return Problems.response(new ProblemException(HttpStatus.BAD_REQUEST, "invalid-json", "Request body is not valid",
                detail == null ? "the request body could not be read" : detail));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<Violation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Violation("/" + f.getField().replace('.', '/'), f.getDefaultMessage()))
                .toList();
        return Problems.response(new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                violations.size() + " violation(s)", violations));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                "parameter '" + e.getName() + "' has an unusable value"));
    }
}
