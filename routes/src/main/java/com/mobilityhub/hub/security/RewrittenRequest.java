package com.mobilityhub.hub.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose body the hub has already read (and may have rewritten), or with one query parameter added. */
final class RewrittenRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final Map<String, String[]> parameters;
    private final String queryString;

    private RewrittenRequest(HttpServletRequest request, byte[] body, Map<String, String[]> parameters, String queryString) {
        super(request);
        this.body = body;
        this.parameters = parameters;
        this.queryString = queryString;
    }

    static RewrittenRequest withBody(HttpServletRequest request, byte[] body) {
        return new RewrittenRequest(request, body, null, null);
    }

    static HttpServletRequest withQueryParameter(HttpServletRequest request, String name, String value) {
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.put(name, new String[] {value});
        String added = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        String query = request.getQueryString() == null || request.getQueryString().isEmpty()
                ? added : request.getQueryString() + "&" + added;
        byte[] body = request instanceof RewrittenRequest rewritten ? rewritten.body : null;
        return new RewrittenRequest(request, body, Collections.unmodifiableMap(parameters), query);
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        if (body == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already in memory");
            }
        };
    }

    @Override
    public BufferedReader getReader() throws java.io.IOException {
        if (body == null) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), encoding));
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }

    @Override
    public String getHeader(String name) {
        if (body != null && "Content-Length".equalsIgnoreCase(name)) {
            return Integer.toString(body.length);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (body != null && "Content-Length".equalsIgnoreCase(name)) {
            return Collections.enumeration(java.util.List.of(Integer.toString(body.length)));
        }
        return super.getHeaders(name);
    }

    @Override
    public String getQueryString() {
        return queryString == null ? super.getQueryString() : queryString;
    }

    @Override
    public String getParameter(String name) {
        if (parameters == null) {
            return super.getParameter(name);
        }
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters == null ? super.getParameterMap() : parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return parameters == null ? super.getParameterNames() : Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters == null ? super.getParameterValues(name) : parameters.get(name);
    }
}
