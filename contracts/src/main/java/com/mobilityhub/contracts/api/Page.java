package com.mobilityhub.contracts.api;

import java.util.List;

/** One page of a listing: {@code {items, page}}. */
public record Page<T>(List<T> items, PageInfo page) {

    /** {@code number} is zero-based. */
    public record PageInfo(int number, int size, long totalItems, int totalPages) {

        public static PageInfo of(int number, int size, long totalItems) {
            return new PageInfo(number, size, totalItems, size == 0 ? 0 : (int) ((totalItems + size - 1) / size));
        }
    }

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
}
