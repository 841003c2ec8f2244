package com.mobilityhub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each client (token subject) may request at most {@code limitForPeriod} bookings per
 * {@code refreshPeriod}; past that 429 with {@code Retry-After} (seconds to the next period).
 * Admin tokens (back office, load tests) are not limited. Fixed windows per client, like
 * Resilience4j's rate limiter, kept in memory per hub instance.
 */
public class BookingRateLimit extends OncePerRequestFilter {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final int limitForPeriod;
    private final long periodMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public BookingRateLimit(HubSecurityProperties.BookingRateLimit settings, Clock clock) {
        this.limitForPeriod = settings.limitForPeriod();
        this.periodMillis = settings.refreshPeriod().toMillis();
        this.clock = clock;
    }

    private record Window(long start, int used) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !"/api/v1/bookings".equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
        if (caller.isEmpty() || caller.get().is(HubRole.ADMIN)) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        Window window = windows.compute(caller.get().subject(), (client, current) ->
                current == null || now - current.start() >= periodMillis ? new Window(now, 1)
                        : new Window(current.start(), current.used() + 1));
        if (window.used() > limitForPeriod) {
            long retryAfterSeconds = Math.max(1, Duration.ofMillis(window.start() + periodMillis - now).toSeconds() + 1);
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            SecurityProblems.write(request, response, 429, "too-many-requests", "Too many requests",
                    "At most " + limitForPeriod + " booking requests per " + Duration.ofMillis(periodMillis).toSeconds()
                            + " s per client; retry after " + retryAfterSeconds + " s");
            return;
        }
        if (windows.size() > MAX_TRACKED_CLIENTS) {
            windows.values().removeIf(old -> now - old.start() >= periodMillis);
        }
        chain.doFilter(request, response);
    }
}
