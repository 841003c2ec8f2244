package com.mobilityhub.hub.bookings;

import com.mobilityhub.hub.services.DomainService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users and vehicles their service has confirmed to exist. Nothing deletes a user or a vehicle (no
 * API does), so a confirmed id stays true and later bookings of the same rider or vehicle skip the
 * lookup: two signed HTTP calls through their circuit breakers and two database reads in the
 * services per booking. Only "exists" is remembered: an unknown id is asked again every time (it may
 * be registered meanwhile). Bounded: past {@code capacity} the id confirmed longest ago is forgotten.
 */
@Component
public class ExistingResources {

    private final Map<String, Boolean> confirmed;

    public ExistingResources(@Value("${mobility.booking.confirmed-ids:20000}") int capacity) {
        this.confirmed = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public boolean isConfirmed(DomainService service, String id) {
        synchronized (confirmed) {
            return confirmed.get(key(service, id)) != null; // get, not containsKey: it marks the id recently used
        }
    }

    public void confirm(DomainService service, String id) {
        synchronized (confirmed) {
            confirmed.put(key(service, id), Boolean.TRUE);
        }
    }

    int size() {
        synchronized (confirmed) {
            return confirmed.size();
        }
    }

    private static String key(DomainService service, String id) {
        return service.name() + '/' + id;
    }
}
