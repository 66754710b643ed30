package nl.ketenhub.consent;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * The consent policy and the upkeep of held consent ({@code ketenhub.consent.*}).
 *
 * @param policy the consent policy (a YAML file, validated at start-up)
 * @param expiryScanPeriod how often held categories past their expiry are discarded
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.consent")
public record ConsentProperties(
        @DefaultValue("classpath:policy/consent-policy.yaml") @NotNull Resource policy,
        @DefaultValue("1m") @NotNull Duration expiryScanPeriod) {}
