package com.partnerpipeline.schema;

/**
 * A schema that cannot be compiled. The message names the field and the problem, fit to show a
 * partner.
 */
public final class InvalidSchemaException extends Exception {
    public InvalidSchemaException(String message) {
        super(message);
    }
}
