package com.mobilityhub.vehicles;

import com.mobilityhub.contracts.api.vehicles.VehicleView;

import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Test fixtures: valid, unique vehicles. */
public final class Vehicles {

    private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    /** A random VIN (17 characters, no I, O or Q). */
    public static String randomVin() {
        StringBuilder vin = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(VIN_ALPHABET.length())));
        }
        return vin.toString();
    }

    public static String registration(String vin, double lat, double lng) {
        return """
                {"vin":"%s","model":"Aurora X1","location":{"lat":%s,"lng":%s}}""".formatted(vin, lat, lng);
    }

    /** Registers a vehicle through the API and returns it. */
    public static VehicleView register(ApiClient api) {
        ApiClient.Response response = api.post("/vehicles", registration(randomVin(), 52.52, 13.405));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.as(VehicleView.class);
    }

    private Vehicles() {
    }
}
