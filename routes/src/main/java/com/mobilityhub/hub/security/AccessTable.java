package com.mobilityhub.hub.security;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mobilityhub.hub.security.HubRole.OPERATOR;
import static com.mobilityhub.hub.security.HubRole.RIDER;

/**
 * Who may call what: every path the hub serves, in one table a reader can audit. The first rule
 * whose method and path pattern match decides. {@code admin} may call everything; a path no rule
 * names falls to the last rule (admin only), so an endpoint added later is born protected.
 *
 * <p>For a rider a rule can also name what they must own ({@link Ownership}); someone else's
 * resource then answers 404, as if it did not exist, so ids cannot be probed.
 */
public final class AccessTable {

    /** What a rider must own for a rule to let them through; operators and admins are not asked. */
    public enum Ownership {
        /** Nothing: the rule's roles decide. */
        NONE,
        /** Path variable {@code userId} is the rider's own id. */
        PATH_USER,
        /** Query parameter {@code userId} is the rider's own id (the hub fills it in when absent). */
        QUERY_USER,
        /** The body's {@code userId} is the rider's own id (the hub fills it in when absent). */
        BODY_USER,
        /** The booking of path variable {@code id} is the rider's (hub database). */
        BOOKING,
        /** The trip of path variable {@code id} came from one of the rider's bookings (hub database). */
        TRIP,
        /** The invoice of path variable {@code id} is the rider's (billing-service's answer). */
        INVOICE
    }

    /** One line of the table. {@code method} null matches every method; {@code open} needs no token. */
    public record Rule(String method, String pattern, boolean open, Set<HubRole> roles, Ownership riderOwns) {

        boolean allows(Caller caller) {
            return caller.is(HubRole.ADMIN) || caller.roles().stream().anyMatch(roles::contains);
        }
    }

    /** A rule that matched a request, with the path variables it extracted. */
    public record Match(Rule rule, Map<String, String> variables) {
    }

    public static final List<Rule> RULES = List.of(
            open("GET", "/api/v1/openapi.json"),
            // The LRA coordinator's callbacks carry no token (it cannot sign them). NOT yet defended against
            // forgery by the hub itself: the edge must not route this path from outside (issue #6 notes).
            open(null, "/api/v1/lra-participant/**"),
            open("GET", "/actuator/health"),
            open("GET", "/actuator/health/liveness"),
            open("GET", "/actuator/health/readiness"),
            open(null, "/error"),

            // Accounts are provisioned by the back office; a rider reads and tops up their own.
            adminOnly("POST", "/api/v1/users"),
            rule(null, "/api/v1/users/{userId}/**", Ownership.PATH_USER, RIDER),

            // Riders look for a vehicle to book; everything else about the fleet is the operators'.
            rule("GET", "/api/v1/vehicles", Ownership.NONE, RIDER, OPERATOR),
            rule("GET", "/api/v1/vehicles/{id}", Ownership.NONE, RIDER, OPERATOR),
            rule("GET", "/api/v1/vehicles/{id}/location", Ownership.NONE, RIDER, OPERATOR),
            rule(null, "/api/v1/vehicles/**", Ownership.NONE, OPERATOR),
            rule(null, "/api/v1/fleet/**", Ownership.NONE, OPERATOR),

            rule("POST", "/api/v1/bookings", Ownership.BODY_USER, RIDER),
            rule("GET", "/api/v1/bookings", Ownership.QUERY_USER, RIDER, OPERATOR),
            // A rider cancels their own booking (admins any); operators do not cancel for riders.
            rule("POST", "/api/v1/bookings/{id}/cancel", Ownership.BOOKING, RIDER),
            rule(null, "/api/v1/bookings/{id}/**", Ownership.BOOKING, RIDER, OPERATOR),

            rule("GET", "/api/v1/trips", Ownership.QUERY_USER, RIDER, OPERATOR),
            rule("GET", "/api/v1/trips/{id}/**", Ownership.TRIP, RIDER, OPERATOR),
            rule("POST", "/api/v1/trips/{id}/start", Ownership.TRIP, RIDER, OPERATOR),
            // Completing (distance, energy: the fare) and other trip commands come from the fleet side.
            rule(null, "/api/v1/trips/**", Ownership.NONE, OPERATOR),
            rule(null, "/api/v1/analytics/**", Ownership.NONE, OPERATOR),

            rule("GET", "/api/v1/billing/accounts/{userId}", Ownership.PATH_USER, RIDER),
            rule("GET", "/api/v1/billing/invoices", Ownership.QUERY_USER, RIDER),
            rule(null, "/api/v1/billing/invoices/{id}/**", Ownership.INVOICE, RIDER),
            adminOnly(null, "/api/v1/billing/**"),

            adminOnly(null, "/api/v1/admin/**"),
            adminOnly(null, "/actuator/**"),
            adminOnly(null, "/**"));

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final List<PathPattern> PATTERNS = RULES.stream().map(rule -> PARSER.parse(rule.pattern())).toList();

    private AccessTable() {
    }

    /** The first rule matching this request; {@code path} is the request path without the context path. */
    public static Optional<Match> match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (rule.method() != null && !rule.method().equalsIgnoreCase(method)) {
                continue;
            }
            PathPattern.PathMatchInfo info = PATTERNS.get(i).matchAndExtract(container);
            if (info != null) {
                return Optional.of(new Match(rule, info.getUriVariables()));
            }
        }
        return Optional.empty();
    }

    private static Rule open(String method, String pattern) {
        return new Rule(method, pattern, true, Set.of(), Ownership.NONE);
    }

    private static Rule adminOnly(String method, String pattern) {
        return new Rule(method, pattern, false, Set.of(), Ownership.NONE);
    }

    private static Rule rule(String method, String pattern, Ownership riderOwns, HubRole first, HubRole... more) {
        return new Rule(method, pattern, false, Set.copyOf(EnumSet.of(first, more)), riderOwns);
    }
}
