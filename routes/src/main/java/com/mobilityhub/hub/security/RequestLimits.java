package com.mobilityhub.hub.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.mobilityhub.kit.api.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Limits every public command before anything reads it: a body larger than the cap is a 413, a body
 * that is not JSON a 415, JSON nested deeper than allowed (or with oversized strings or numbers) a 400.
 * The body read here is handed on in memory. The coordinator's callbacks are not public commands.
 */
public class RequestLimits extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final int maxBodyBytes;
    private final JsonFactory json;

    public RequestLimits(HubSecurityProperties.Limits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxStringLength(limits.maxBodyBytes())
                .maxNumberLength(limits.maxNumberLength())
                .build()).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !WITH_BODY.contains(request.getMethod()) || !path.startsWith("/api/")
                || path.startsWith("/api/v1/lra-participant/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        if (body.length > 0 && !isJson(request.getContentType())) {
            SecurityProblems.write(request, response, new Problem("urn:mobility-hub:problem:unsupported-media-type",
                    "Unsupported media type", 415, "Commands are application/json", request.getRequestURI(),
                    List.of(new Problem.FieldError("Content-Type", "must be application/json"))));
            return;
        }
        if (body.length > 0 && exceedsJsonLimits(body)) {
            SecurityProblems.write(request, response, new Problem("urn:mobility-hub:problem:invalid-request",
                    "Invalid request", 400, "The JSON body is nested too deeply or has an oversized value",
                    request.getRequestURI(), List.of(new Problem.FieldError("body", "exceeds the JSON limits"))));
            return;
        }
        chain.doFilter(RewrittenRequest.withBody(request, body), response);
    }

    private boolean exceedsJsonLimits(byte[] body) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            while (parser.nextToken() != null) {
                parser.finishToken();
            }
            return false;
        } catch (StreamConstraintsException e) {
            return true;
        } catch (IOException e) {
            return false; // malformed JSON: the operation itself answers 400 naming the field
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        SecurityProblems.write(request, response, 413, "payload-too-large", "Payload too large",
                "The request body is larger than the hub accepts");
    }
}
