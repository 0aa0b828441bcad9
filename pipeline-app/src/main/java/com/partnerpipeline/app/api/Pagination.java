package com.partnerpipeline.app.api;

/** {@code pagination} of a paged response; pages count from 1. */
public record Pagination(int page, int limit, long total, long totalPages) {
    public static Pagination of(int page, int limit, long total) {
        return new Pagination(page, limit, total, (total + limit - 1) / limit);
    }
}
