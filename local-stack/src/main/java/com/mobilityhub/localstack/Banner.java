package com.mobilityhub.localstack;

import java.util.List;

/** Where everything is, printed once the stack is up. */
final class Banner {

    static String render(Options options, PortPlan ports, List<AppProcess> apps, List<DemoData.Item> demo, double startupSeconds) {
        StringBuilder b = new StringBuilder();
        String rule = "=".repeat(92);
        b.append('\n').append(rule).append('\n');
        b.append(String.format(" mobility-hub is up: %d apps ready in %.1f s%n", apps.size(), startupSeconds));
        b.append(rule).append('\n');
        boolean hub = apps.stream().anyMatch(a -> a.spec().isHub());
        String hubUrl = "http://localhost:" + ports.of(AppSpec.HUB);
        String api = hubUrl + "/api/v1";
        if (hub) {
            line(b, "REST API", api);
            line(b, "OpenAPI", api + "/openapi.json");
            line(b, "Hawtio", hubUrl + "/actuator/hawtio  (logins viewer, admin: "
                    + LocalConsoleUsers.file(options.dataDir()) + ")");
            line(b, "Prometheus", hubUrl + "/actuator/prometheus");
        }
        if (apps.stream().anyMatch(a -> a.spec().isCoordinator())) {
            line(b, "LRA coordinator", "http://localhost:" + ports.of(AppSpec.COORDINATOR) + "/lra-coordinator");
        }
        line(b, "Kafka bootstrap", ports.kafkaBootstrap());
        line(b, "PostgreSQL", ports.jdbcUrl("<database>") + "  (user postgres, no password)");
        line(b, "", "databases: " + String.join(", ", AppSpec.DATABASES));
        String label = "Apps";
        for (AppProcess app : apps) {
            line(b, label, String.format("%-21s %-24s pid %d", app.name(), ports.publicUrl(app.spec()), app.pid()));
            label = "";
        }
        line(b, "Logs", options.dataDir().resolve("logs").toString());
        line(b, "Data", options.dataDir() + "  (bin/mobility-hub reset deletes it)");

        List<DemoData.Item> users = demo.stream().filter(i -> i.kind().equals("user")).toList();
        List<DemoData.Item> vehicles = demo.stream().filter(i -> i.kind().equals("vehicle")).toList();
        if (!demo.isEmpty()) {
            b.append('\n');
            label = "Demo users";
            for (DemoData.Item user : users) {
                line(b, label, user.id() + "  " + user.label());
                label = "";
            }
            label = "Demo vehicles";
            for (DemoData.Item vehicle : vehicles) {
                line(b, label, vehicle.id() + "  VIN " + vehicle.label());
                label = "";
            }
        }
        if (hub) {
            String user = users.isEmpty() ? "<user-id>" : users.getFirst().id();
            String vehicle = vehicles.isEmpty() ? "<vehicle-id>" : vehicles.getFirst().id();
            b.append('\n').append(" Try (every call needs a bearer token; --role rider|operator|admin):\n");
            b.append("   TOKEN=$(bin/mobility-hub token --role rider --user ").append(user).append(")\n");
            b.append("   curl -s -H \"Authorization: Bearer $TOKEN\" ").append(api).append("/users/").append(user).append('\n');
            b.append("   curl -s -H \"Authorization: Bearer $TOKEN\" '").append(api).append("/vehicles?status=AVAILABLE'\n");
            b.append("   curl -s -X POST ").append(api).append("/bookings -H \"Authorization: Bearer $TOKEN\"")
                    .append(" -H 'Content-Type: application/json'")
                    .append(" -H 'Prefer: wait=10' \\\n        -d '{\"userId\":\"").append(user)
                    .append("\",\"vehicleId\":\"").append(vehicle)
                    .append("\",\"pickup\":{\"lat\":52.5219,\"lng\":13.4132},\"dropoff\":{\"lat\":52.5096,\"lng\":13.3760}}'\n");
        }
        b.append('\n').append(" Ctrl-C stops everything. Memory: bin/mobility-hub status\n");
        b.append(rule);
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(" %-16s %s%n", label, value));
    }

    private Banner() {
    }
}
