package com.partnerpipeline.validation;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Absolute http or https URLs with a host, as {@link URI} parses them (so no spaces or other
 * illegal characters).
 */
public final class UrlConverter extends TextFormatConverter {
    public UrlConverter() {
        super("not a valid http(s) URL");
    }

    @Override
    boolean isValid(String url) {
        if (url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null
                    && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null
                    && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
