package com.mobilityhub.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The reactor version the apps' -exec jars carry (filtered into the launcher at build time). */
final class Versions {

    private static final String RESOURCE = "local-stack.properties";

    static String appVersion() {
        try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " in the launcher: rebuild local-stack");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Versions() {
    }
}
