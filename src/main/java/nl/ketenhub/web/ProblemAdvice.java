package nl.ketenhub.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.ketenhub.canonical.Violation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns errors of the REST API into problem+json answers. It comes before Spring Boot's own problem-details handler,
 * which would answer an unreadable body with no more than "Failed to read request".
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

    private final ObjectMapper json;

    public ProblemAdvice(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return Problems.response(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            // A field of the wrong type or an unknown value: say which field, and what it may be, not the Java type.
            Violation violation = new Violation(pointer(mismatch.getPath()), expected(mismatch));
            return Problems.response(new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "1 violation(s)", List.of(violation)));
        }
        String detail = e.getMostSpecificCause().getMessage();
        if (detail != null && detail.contains("\n")) {
            detail = detail.substring(0, detail.indexOf('\n'));
        }
        return Problems.response(new ProblemException(HttpStatus.BAD_REQUEST, "invalid-json", "Request body is not valid",
                detail == null ? "the request body could not be read" : detail));
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            pointer.append('/').append(step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex()));
        }
        return pointer.toString();
    }

    private String expected(MismatchedInputException mismatch) {
        Class<?> target = mismatch.getTargetType();
        if (target != null && target.isEnum()) {
            // the values as the API writes them (a channel is "rest"), in the order the enum declares them
            String accepted = Stream.of(target.getEnumConstants()).map(c -> json.convertValue(c, String.class))
                    .collect(Collectors.joining(", "));
            String value = mismatch instanceof InvalidFormatException invalid ? "'" + invalid.getValue() + "' " : "";
            return value + "is not one of " + accepted;
        }
        if (target == null) {
            return "has the wrong type";
        }
        String kind = Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class ? "a number"
                : target == Boolean.class || target == boolean.class ? "true or false"
                : CharSequence.class.isAssignableFrom(target) ? "a string"
                : List.class.isAssignableFrom(target) || target.isArray() ? "an array" : "an object";
        return "must be " + kind;
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
