package nl.ketenhub.soap;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SOAP edge and of SOAP delivery ({@code ketenhub.soap.*}); the size limit is the intake's
 * ({@code ketenhub.intake.max-message-bytes}).
 *
 * @param maxDepth deepest element nesting accepted in a SOAP message
 * @param maxElements most elements accepted in one SOAP message
 * @param maxAttributeChars longest attribute value accepted
 * @param maxViolations most schema violations reported in one fault
 * @param hubAddress the hub's own SOAP address, sent as wsa:From (with ?oin= of the original sender) on delivery
 * @param clientTimeout connect and receive timeout of SOAP deliveries
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.soap")
public record SoapProperties(
        @DefaultValue("100") @Min(10) int maxDepth,
        @DefaultValue("50000") @Min(100) int maxElements,
        @DefaultValue("65536") @Min(256) int maxAttributeChars,
        @DefaultValue("50") @Min(1) int maxViolations,
        @DefaultValue("https://ketenhub.invalid/ws/overdracht") @NotBlank String hubAddress,
        @DefaultValue("10s") @NotNull Duration clientTimeout) {}
