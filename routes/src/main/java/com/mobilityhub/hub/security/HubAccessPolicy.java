package com.mobilityhub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies the {@link AccessTable} to one request: open paths pass, a caller without a token is
 * refused (401), a caller without a role the rule names is refused (403), and a rider asking for
 * what is not theirs gets {@link NotTheOwner} (answered 404).
 */
public class HubAccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    private final ResourceOwners owners;

    public HubAccessPolicy(ResourceOwners owners) {
        this.owners = owners;
    }

    /** A rider asked for a resource that is someone else's (or does not exist): answered as not found. */
    public static final class NotTheOwner extends AuthorizationDecision {
        NotTheOwner() {
            super(false);
        }
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return check(authentication, context);
    }

    @Override
    @SuppressWarnings("deprecation") // still the abstract method of AuthorizationManager in Spring Security 6.5
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<AccessTable.Match> match = AccessTable.match(request.getMethod(), path);
        if (match.isEmpty()) {
            return DENIED;
        }
        AccessTable.Rule rule = match.get().rule();
        if (rule.open()) {
            return GRANTED;
        }
        Optional<Caller> caller = Caller.of(authentication.get());
        if (caller.isEmpty() || !rule.allows(caller.get())) {
            return DENIED;
        }
        if (!caller.get().onlyRider()) {
            return GRANTED;
        }
        return owns(caller.get(), rule.riderOwns(), match.get(), request) ? GRANTED : new NotTheOwner();
    }

    private boolean owns(Caller rider, AccessTable.Ownership ownership, AccessTable.Match match, HttpServletRequest request) {
        String id = match.variables().get("id");
        return switch (ownership) {
            case NONE, BODY_USER -> true; // BODY_USER: RiderRequests puts the rider's own id into the body
            case PATH_USER -> owned(rider, ResourceOwners.uuid(match.variables().get("userId")));
            case QUERY_USER -> {
                String[] asked = request.getParameterValues("userId");
                // Absent: RiderRequests narrows the list to the rider. Present: it must be theirs.
                yield asked == null || asked.length == 1 && owned(rider, ResourceOwners.uuid(asked[0]));
            }
            case BOOKING -> owned(rider, owners.ofBooking(id));
            case TRIP -> owned(rider, owners.ofTrip(id));
            case INVOICE -> owned(rider, owners.ofInvoice(id));
        };
    }

    private static boolean owned(Caller rider, Optional<UUID> owner) {
        return owner.filter(rider::owns).isPresent();
    }
}
