package com.partnerpipeline.validation;

import java.net.URI;
import java.net.URISyntaxException;

/** Absolute http or https URLs with a host, as {@link URI} parses them (so no spaces or other illegal characters). */
public final class UrlConverter implements TypeConverter {
    private static final Violation INVALID = new Violation(ErrorCode.INVALID_FORMAT, "not a valid http(s) URL");
    private final StringConverter text = new StringConverter();

    @Override
    public Object convert(Object value) {
        Object converted = text.convert(value);
        if (converted instanceof String url) {
            return isValid(url) ? url : INVALID;
        }
        return converted;
    }

    static boolean isValid(String url) {
        if (url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
