package nl.ketenhub.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nl.ketenhub.partner.Partner;
import org.springframework.stereotype.Component;

/**
 * Who wrote a file in a partner's CSV inbox. The directory says which partner a file speaks for; the file's owner
 * says who put it there. Where the operator has set the partner's inbox account (the SFTP account the partner logs in
 * with, by its key or certificate), every file must be owned by that account; a partner in mode {@code mtls}, whose
 * identity must be proven rather than assumed from a location, must have one, or its files are refused.
 */
@Component
public class InboxAccounts {

    /** Why a file may not speak for the partner whose inbox it lies in. */
    public record Refused(String type, String detail) {}

    private final AuthenticationModes modes;

    public InboxAccounts(AuthenticationModes modes) {
        this.modes = modes;
    }

    public Optional<Refused> check(Partner partner, Path file) {
        Optional<String> account = modes.inboxAccount(partner.oin());
        if (account.isEmpty()) {
            if (modes.of(partner.oin()) == AuthenticationModes.Mode.MTLS) {
                return Optional.of(new Refused("inbox-account-missing", "partner " + partner.oin() + " authenticates "
                        + "with its certificate, and its inbox has no account of its own: the operator sets inboxAccount "
                        + "(PUT /api/v1/partners/" + partner.oin() + "/authentication) to the account it writes with"));
            }
            return Optional.empty();
        }
        String owner;
        try {
            owner = Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.of(new Refused("inbox-account-mismatch", "the hub cannot tell who owns this file ("
                    + e.getClass().getSimpleName() + "), so it cannot be taken as partner " + partner.oin() + "'s"));
        }
        if (!owner.equals(account.get())) {
            return Optional.of(new Refused("inbox-account-mismatch", "the file is owned by account '" + owner
                    + "', not by '" + account.get() + "', the account that writes partner " + partner.oin()
                    + "'s inbox: a file speaks for the partner only when that account wrote it"));
        }
        return Optional.empty();
    }
}
