package com.partnerpipeline.app.api;

/** The body of every error response: {@code {"error": "message"}}. */
public record ApiError(String error) {}
