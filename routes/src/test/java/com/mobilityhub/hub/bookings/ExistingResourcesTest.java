package com.mobilityhub.hub.bookings;

import com.mobilityhub.hub.services.DomainService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExistingResourcesTest {

    @Test
    void remembersOnlyWhatWasConfirmedPerService() {
        ExistingResources existing = new ExistingResources(10);
        existing.confirm(DomainService.USERS, "u-1");

        assertThat(existing.isConfirmed(DomainService.USERS, "u-1")).isTrue();
        assertThat(existing.isConfirmed(DomainService.USERS, "u-2")).isFalse();
        // The same id at another service is another resource.
        assertThat(existing.isConfirmed(DomainService.VEHICLES, "u-1")).isFalse();
    }

    @Test
    void forgetsTheLeastRecentlyUsedIdPastItsCapacity() {
        ExistingResources existing = new ExistingResources(2);
        existing.confirm(DomainService.VEHICLES, "a");
        existing.confirm(DomainService.VEHICLES, "b");
        existing.isConfirmed(DomainService.VEHICLES, "a"); // a used again: b is now the eldest
        existing.confirm(DomainService.VEHICLES, "c");

        assertThat(existing.size()).isEqualTo(2);
        assertThat(existing.isConfirmed(DomainService.VEHICLES, "a")).isTrue();
        assertThat(existing.isConfirmed(DomainService.VEHICLES, "b")).isFalse();
        assertThat(existing.isConfirmed(DomainService.VEHICLES, "c")).isTrue();
    }
}
