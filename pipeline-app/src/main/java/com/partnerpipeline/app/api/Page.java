package com.partnerpipeline.app.api;

import java.util.List;

/** A page of results: {@code {"data": [...], "pagination": {...}}}. */
public record Page<T>(List<T> data, Pagination pagination) {}
