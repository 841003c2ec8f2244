package com.mobilityhub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The console's CSRF tokens as Hawtio expects them with Spring Security: the token travels in a cookie
 * ({@code XSRF-TOKEN}, readable by the page's script) and the Hawtio client echoes it in the {@code X-XSRF-TOKEN}
 * header of every Jolokia POST. A header carries the cookie's raw value; the login form's hidden field carries
 * Spring's masked (BREACH-safe) value. {@link #cookieWriter()} makes sure the cookie exists from the first page on,
 * since Spring Security only writes it once something asks for the token.
 */
final class ConsoleCsrfTokens implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestHandler raw = new CsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        boolean fromHeader = StringUtils.hasText(request.getHeader(token.getHeaderName()));
        return (fromHeader ? raw : masked).resolveCsrfTokenValue(request, token);
    }

    /** A filter (after Spring's CsrfFilter) that loads the deferred token, so its cookie is on every response. */
    static OncePerRequestFilter cookieWriter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                    token.getToken();
                }
                chain.doFilter(request, response);
            }
        };
    }
}
