package nl.ketenhub.admin;

import java.util.Locale;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's words for the hub's codes (states, events, outcomes, kinds, categories, message types) in the
 * reader's language, and partners by name. The codes stay the data (API, CSS classes, searches); a code without a
 * label is shown as it is, so a new code never breaks a page. Used in templates as {@code @labels}.
 */
@Component("labels")
public class ConsoleLabels {

    private final MessageSource messages;
    private final PartnerService partners;

    public ConsoleLabels(MessageSource messages, PartnerService partners) {
        this.messages = messages;
        this.partners = partners;
    }

    /** The label of a code in a group ({@code label.<group>.<code>}), or the code itself. */
    public String of(String group, Object code) {
        if (code == null) {
            return "";
        }
        String text = code instanceof Enum<?> e ? e.name() : code.toString();
        Locale locale = LocaleContextHolder.getLocale();
        String label = messages.getMessage("label." + group + "." + text, null, null, locale);
        if (label == null) {
            // wire names ("aanmelding-ontvangen", "applied") share the labels of their enum names
            label = messages.getMessage("label." + group + "." + text.toUpperCase(Locale.ROOT).replace('-', '_'), null,
                    text, locale);
        }
        return label;
    }

    /** The registered name of a partner, or empty for an OIN the directory does not know. */
    public String partnerName(String oin) {
        if (oin == null || oin.isBlank()) {
            return "";
        }
        return partners.find(oin).map(Partner::name).orElse("");
    }
}
