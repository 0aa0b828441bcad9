package com.partnerpipeline.app.logging;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks API keys (and the admin token) in text about to be logged. Two rules, since a key reaches
 * the logs in two forms: with its name (the request line's {@code apiKey=...}, a header dump's
 * {@code X-API-Key: ...}, a map's {@code apiKey=[...]}), where whatever follows the name is masked,
 * right key or wrong, any shape; and bare, where anything shaped like one of our keys ({@code pk_}
 * and hex digits, even cut short) is masked.
 */
public final class ApiKeyRedaction {
    public static final String MASK = "***";

    /** Header and parameter names whose values are secrets, lower case. */
    private static final Set<String> SECRET_NAMES = Set.of("x-api-key", "apikey", "authorization");

    // name; then the separator (a quote closing the name, maybe JSON-escaped, ':' or '=', a '[' or
    // an opening
    // quote, an auth scheme); then the value: after a quote, up to the closing one; otherwise up to
    // whatever ends a
    // value in a URL, a header dump or a map
    private static final Pattern NAMED =
            Pattern.compile(
                    "(?i)((?:x-)?api[-_]?key|authorization)"
                            + "(\\\\?[\"']?\\s*[:=]\\s*\\[?\\s*\\\\?[\"']?(?:(?:bearer|basic)\\s+)?)"
                            + "((?<=[\"'])[^\"'\\\\\\r\\n]+|[^\\s&#\\\\\"'\\[\\]()<>{},;|]+)");
    private static final Pattern KEY_SHAPED = Pattern.compile("(?i)pk_[0-9a-f]{8,}");

    private ApiKeyRedaction() {}

    /**
     * {@code text} with every key masked; the same instance when there was none, so callers can
     * skip a copy.
     */
    public static String redact(String text) {
        if (text == null || !mayHoldSecret(text)) {
            return text;
        }
        return replace(KEY_SHAPED, replace(NAMED, text, "$1$2" + MASK), "pk_" + MASK);
    }

    /**
     * Whether a header or parameter of this name holds a secret: its value is never logged,
     * whatever it is.
     */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }

    /**
     * A cheap test before the patterns, which every line goes through: each rule needs one of these
     * words.
     */
    private static boolean mayHoldSecret(String text) {
        return containsIgnoringCase(text, "pk_")
                || containsIgnoringCase(text, "key")
                || containsIgnoringCase(text, "authorization");
    }

    private static boolean containsIgnoringCase(String text, String lowerCaseWord) {
        char first = lowerCaseWord.charAt(0);
        for (int i = 0, last = text.length() - lowerCaseWord.length(); i <= last; i++) {
            if (Character.toLowerCase(text.charAt(i)) == first
                    && text.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }
}
