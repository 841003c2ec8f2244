package com.mobilityhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report for machines: the same content as the Markdown, plus the verdict, total RSS and derived CPU figures. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Report report) {
        ObjectNode root = JSON.valueToTree(report);
        root.put("verdict", report.verdict());
        root.put("stackRssTotalMiB", report.stackRssTotalMiB());
        root.put("stackPssTotalMiB", report.stackPssTotalMiB());
        // NaN ratios (no baseline) become null: JSON has no NaN.
        ArrayNode comparisons = (ArrayNode) root.get("comparisons");
        for (int i = 0; i < comparisons.size(); i++) {
            ObjectNode comparison = (ObjectNode) comparisons.get(i);
            Comparison source = report.comparisons().get(i);
            number(comparison, "throughputRatio", source.throughputRatio());
            number(comparison, "p99Ratio", source.p99Ratio());
            source.meetsThroughputTarget().ifPresent(met -> comparison.put("throughputTargetMet", met));
            source.meetsP99Target().ifPresent(met -> comparison.put("p99TargetMet", met));
        }
        // Each measurement's "cpu" carries the raw CPU ms per process; add what the Markdown derives from it.
        ArrayNode measurements = (ArrayNode) root.get("measurements");
        for (int i = 0; i < measurements.size(); i++) {
            CpuUsage source = report.measurements().get(i).cpu();
            ObjectNode cpu = (ObjectNode) measurements.get(i).get("cpu");
            cpu.put("totalCpuMs", source.totalCpuMs());
            number(cpu, "totalCpuMsPerOperation", source.totalMsPerOperation());
            number(cpu, "machineBusyPercent", source.machineBusyPercent(report.machine().cpus()));
            ObjectNode perOperation = cpu.putObject("cpuMsPerOperationByProcess");
            source.cpuMsByProcess().keySet().forEach(process ->
                    number(perOperation, process, source.msPerOperation(process)));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
