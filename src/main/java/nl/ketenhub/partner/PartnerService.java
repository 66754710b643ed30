package nl.ketenhub.partner;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.Identifiers;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The partner directory: registration, key rotation, enabling and disabling, and authentication by API key. */
@Service
public class PartnerService {

    /** A new partner or a new key: the key is returned this once and never stored. */
    public record WithKey(Partner partner, String apiKey) {}

    private final PartnerRepository repository;
    private final ApiKeys apiKeys;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final boolean demoMode;
    /** Plain http:// endpoints: only in demo mode, or where an operator allows them for a test setup. */
    private final boolean plainHttp;

    public PartnerService(PartnerRepository repository, ApiKeys apiKeys, Clock clock, ApplicationEventPublisher events,
            AuditLog audit, KetenhubProperties properties) {
        this.plainHttp = properties.demo().enabled() || properties.partners().allowPlainHttp();
        this.repository = repository;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.demoMode = properties.demo().enabled();
    }

    /**
     * Whether the hub may deliver to the partner's endpoint: outside demo mode a REST or SOAP partner must be reached
     * over https (an endpoint registered before that rule is refused at delivery rather than used in the clear).
     */
    public boolean endpointAllowed(Partner partner) {
        boolean web = partner.channel() == Channel.REST || partner.channel() == Channel.SOAP;
        return plainHttp || !web || (partner.endpoint() != null && partner.endpoint().regionMatches(true, 0, "https:", 0, 6));
    }

    public List<Partner> list() {
        return repository.findAll();
    }

    public Optional<Partner> find(String oin) {
        return repository.findByOin(oin);
    }

    public Partner get(String oin) {
        return repository.findByOin(oin).orElseThrow(() -> ProblemException.notFound("partner " + oin));
    }

    /**
     * The enabled partner a key belongs to, with its authentication mode as stored; demo partners only while demo mode
     * is on.
     */
    public Optional<PartnerRepository.KeyHolder> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return repository.findByKeyHash(apiKeys.hash(apiKey))
                .filter(h -> h.partner().enabled())
                .filter(h -> !h.partner().demo() || demoMode);
    }

    @Transactional
    public WithKey create(PartnerRequest request) {
        List<Violation> violations = validate(request, true);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        if (repository.findByOin(request.oin()).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "partner-exists", "Partner already registered",
                    "a partner with OIN " + request.oin() + " already exists; update it or rotate its key");
        }
        String key = apiKeys.generate();
        Partner partner = register(request, key, false);
        audit.record("partner.create", partner.oin(), partner.name() + " (" + partner.kind() + ", " + partner.channel().wireName() + ")");
        return new WithKey(partner, key);
    }

    /** Registers or refreshes a partner with a given key; used by demo mode to seed its documented keys. */
    @Transactional
    public Partner upsertWithKey(PartnerRequest request, String apiKey, boolean demo) {
        List<Violation> violations = validate(request, true);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        Optional<Partner> existing = repository.findByOin(request.oin());
        if (existing.isEmpty()) {
            return register(request, apiKey, demo);
        }
        Instant now = clock.instant();
        Partner updated = merge(existing.get(), request, now);
        repository.update(updated);
        repository.updateKey(updated.oin(), apiKeys.hash(apiKey), apiKeys.hint(apiKey), now);
        Partner result = repository.findByOin(updated.oin()).orElseThrow();
        events.publishEvent(new PartnerChanged(result));
        return result;
    }

    @Transactional
    public Partner update(String oin, PartnerRequest request) {
        Partner current = get(oin);
        if (request.oin() != null && !request.oin().equals(oin)) {
            throw invalid(List.of(new Violation("/oin", "the OIN of a partner cannot change; register a new partner")));
        }
        Partner merged = merge(current, request, clock.instant());
        List<Violation> violations = validate(toRequest(merged), false);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        repository.update(merged);
        audit.record("partner.update", oin, describeChange(current, merged));
        events.publishEvent(new PartnerChanged(merged));
        return merged;
    }

    @Transactional
    public WithKey rotateKey(String oin) {
        Partner current = get(oin);
        String key = apiKeys.generate();
        repository.updateKey(oin, apiKeys.hash(key), apiKeys.hint(key), clock.instant());
        audit.record("partner.rotate-key", oin, "new key " + apiKeys.hint(key));
        return new WithKey(repository.findByOin(oin).orElse(current), key);
    }

    @Transactional
    public Partner setEnabled(String oin, boolean enabled) {
        Partner current = get(oin);
        Partner changed = new Partner(current.oin(), current.name(), current.kind(), current.brin(), current.gemeentecode(),
                current.channel(), current.endpoint(), current.format(), current.apiKeyHint(), current.ackPeriodDays(),
                enabled, current.demo(), current.createdAt(), clock.instant(), current.keyRotatedAt());
        repository.update(changed);
        audit.record(enabled ? "partner.enable" : "partner.disable", oin, current.name());
        events.publishEvent(new PartnerChanged(changed));
        return changed;
    }

    private Partner register(PartnerRequest request, String key, boolean demo) {
        Instant now = clock.instant();
        Partner partner = new Partner(request.oin(), request.name().trim(), request.kind(), emptyToNull(request.brin()),
                emptyToNull(request.gemeentecode()), request.channel(), request.endpoint(),
                request.format() != null ? request.format() : defaultFormat(request.channel()), apiKeys.hint(key),
                request.ackPeriodDays() != null ? request.ackPeriodDays() : 10,
                request.enabled() == null || request.enabled(), demo, now, now, now);
        repository.insert(partner, apiKeys.hash(key));
        events.publishEvent(new PartnerChanged(partner));
        return partner;
    }

    private static Partner merge(Partner c, PartnerRequest r, Instant now) {
        return new Partner(c.oin(),
                r.name() != null ? r.name().trim() : c.name(),
                r.kind() != null ? r.kind() : c.kind(),
                r.brin() != null ? emptyToNull(r.brin()) : c.brin(),
                r.gemeentecode() != null ? emptyToNull(r.gemeentecode()) : c.gemeentecode(),
                r.channel() != null ? r.channel() : c.channel(),
                r.endpoint() != null ? r.endpoint() : c.endpoint(),
                r.format() != null ? r.format() : (r.channel() != null ? defaultFormat(r.channel()) : c.format()),
                c.apiKeyHint(),
                r.ackPeriodDays() != null ? r.ackPeriodDays() : c.ackPeriodDays(),
                r.enabled() != null ? r.enabled() : c.enabled(),
                c.demo(), c.createdAt(), now, c.keyRotatedAt());
    }

    private static PartnerRequest toRequest(Partner p) {
        return new PartnerRequest(p.oin(), p.name(), p.kind(), p.brin(), p.gemeentecode(), p.channel(), p.endpoint(),
                p.format(), p.ackPeriodDays(), p.enabled());
    }

    static PartnerFormat defaultFormat(Channel channel) {
        return switch (channel) {
            case JMS, REST -> PartnerFormat.CANONICAL_JSON;
            case SOAP -> PartnerFormat.OSO_XML;
            case FILE -> PartnerFormat.CSV;
        };
    }

    /** Every problem with a partner registration, each with its JSON pointer. */
    List<Violation> validate(PartnerRequest r, boolean creating) {
        List<Violation> v = new ArrayList<>();
        if (r.oin() == null) {
            v.add(new Violation("/oin", "required member 'oin' is missing"));
        } else {
            Identifiers.checkOin(r.oin()).ifPresent(m -> v.add(new Violation("/oin", m)));
        }
        if (r.name() == null || r.name().isBlank()) {
            v.add(new Violation("/name", "required member 'name' is missing"));
        } else if (r.name().length() > 200) {
            v.add(new Violation("/name", "name is longer than 200 characters"));
        }
        if (r.kind() == null) {
            v.add(new Violation("/kind", "required member 'kind' is missing (VO, MBO or GEMEENTE)"));
        } else if (r.kind() == PartnerKind.GEMEENTE) {
            if (r.gemeentecode() == null || r.gemeentecode().isBlank()) {
                v.add(new Violation("/gemeentecode", "a GEMEENTE partner needs its gemeentecode"));
            }
        } else if (r.brin() == null || r.brin().isBlank()) {
            v.add(new Violation("/brin", "a " + r.kind() + " partner needs its BRIN"));
        }
        if (r.brin() != null && !r.brin().isBlank()) {
            Identifiers.checkBrin(r.brin()).ifPresent(m -> v.add(new Violation("/brin", m)));
        }
        if (r.gemeentecode() != null && !r.gemeentecode().isBlank()) {
            Identifiers.checkGemeentecode(r.gemeentecode()).ifPresent(m -> v.add(new Violation("/gemeentecode", m)));
        }
        if (r.channel() == null) {
            v.add(new Violation("/channel", "required member 'channel' is missing (jms, rest, soap or file)"));
        } else {
            checkEndpoint(r.channel(), r.endpoint()).ifPresent(m -> v.add(new Violation("/endpoint", m)));
            PartnerFormat format = r.format() != null ? r.format() : defaultFormat(r.channel());
            if (r.channel() == Channel.FILE && format != PartnerFormat.CSV) {
                v.add(new Violation("/format", "the file channel writes csv"));
            }
            if (r.channel() != Channel.FILE && format == PartnerFormat.CSV) {
                v.add(new Violation("/format", "csv is written only to the file channel"));
            }
        }
        if (r.ackPeriodDays() != null && (r.ackPeriodDays() < 1 || r.ackPeriodDays() > 60)) {
            v.add(new Violation("/ackPeriodDays", "ackPeriodDays must lie between 1 and 60 working days"));
        }
        return v;
    }

    Optional<String> checkEndpoint(Channel channel, String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.of("a " + channel.wireName() + " partner needs an endpoint");
        }
        return switch (channel) {
            case JMS -> endpoint.matches("[A-Za-z0-9._-]{1,200}")
                    ? Optional.empty()
                    : Optional.of("a jms endpoint is a queue name of letters, digits, '.', '_' and '-'");
            case REST, SOAP -> !isHttpUrl(endpoint)
                    ? Optional.of("a " + channel.wireName() + " endpoint is an absolute https URL")
                    : !plainHttp && !endpoint.regionMatches(true, 0, "https:", 0, 6)
                            ? Optional.of("a " + channel.wireName() + " endpoint must use https:// (plain http only in demo mode)")
                            : Optional.empty();
            case FILE -> endpoint.contains("..")
                    ? Optional.of("a file endpoint is a directory path without '..'")
                    : Optional.empty();
        };
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describeChange(Partner before, Partner after) {
        List<String> changes = new ArrayList<>();
        if (!before.name().equals(after.name())) changes.add("name");
        if (before.channel() != after.channel()) changes.add("channel " + after.channel().wireName());
        if (!String.valueOf(before.endpoint()).equals(String.valueOf(after.endpoint()))) changes.add("endpoint");
        if (before.format() != after.format()) changes.add("format " + after.format().wireName());
        if (before.enabled() != after.enabled()) changes.add(after.enabled() ? "enabled" : "disabled");
        if (before.ackPeriodDays() != after.ackPeriodDays()) changes.add("ackPeriodDays " + after.ackPeriodDays());
        return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }

    private static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-partner", "Partner registration is not valid",
                violations.size() + " violation(s)", violations);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
