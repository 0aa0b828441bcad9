package com.partnerpipeline.app.resources;

import com.partnerpipeline.app.api.ApiErrors;
import jakarta.ws.rs.core.Response;

/** {@code ?page=&limit=}: pages from 1, limit from 1 and capped at 100; anything else is a 400. */
public record Paging(int page, int limit) {
    public static final int MAX_LIMIT = 100;

    public static Paging of(String page, String limit, int defaultLimit) {
        int pageNumber = parse("page", page, 1);
        int size = parse("limit", limit, defaultLimit);
        return new Paging(pageNumber, Math.min(size, MAX_LIMIT));
    }

    private static int parse(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiErrors.error(Response.Status.BAD_REQUEST, name + " must be a whole number from 1");
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
