package com.mobilityhub.contracts.api.vehicles;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code PUT /vehicles/{id}/firmware}: the version now installed (semantic version). */
public record UpdateFirmware(
        @NotBlank @Pattern(regexp = "\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}([-+][0-9A-Za-z.-]{1,40})?",
                message = "must be a semantic version such as 2.4.1") String firmwareVersion) {
}
