package com.mobilityhub.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads YAML documents as Jackson trees, refusing duplicate keys (as the Kubernetes API server does). */
final class Yaml {

    static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {
    }

    /** Every non-empty document of a (multi-document) YAML text. */
    static List<JsonNode> documents(String yaml, String origin) {
        List<JsonNode> documents = new ArrayList<>();
        // One tree per YAML document (readValues would also split a top-level sequence into its items).
        try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
            while (parser.nextToken() != null) {
                JsonNode document = MAPPER.readTree(parser);
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    static List<JsonNode> documents(Path file) {
        return documents(read(file), file.toString());
    }

    /** The only document of a file, which must be a mapping. */
    static ObjectNode single(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new IllegalStateException(file + ": expected exactly one YAML mapping, found " + documents.size()
                    + " document(s)");
        }
        return (ObjectNode) documents.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
