package nl.ketenhub.gemeente;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gemeente list ({@code ketenhub.gemeenten.*}).
 *
 * @param file a gemeente list in the bundled form (code;name;kind;formerCode;since, with a '# version:' line) used
 *     instead of the bundled one; none or empty: the bundled list
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.gemeenten")
public record GemeentenProperties(String file) {}
