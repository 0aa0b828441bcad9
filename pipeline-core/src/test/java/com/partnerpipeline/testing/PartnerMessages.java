package com.partnerpipeline.testing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a message shown to a partner must not contain: names of Java classes (exceptions above all),
 * Java method references, package names, stack trace lines. A partner cannot act on any of them,
 * and they tell an attacker which libraries run inside.
 */
public final class PartnerMessages {
    private static final List<Pattern> FORBIDDEN =
            List.of(
                    Pattern.compile("\\b\\w*Exception\\b"),
                    Pattern.compile("\\b[A-Z]\\w*Error\\b"),
                    Pattern.compile("\\b(java|javax|jakarta|sun|jdk)\\.[a-z]"),
                    Pattern.compile("\\b(com|org|io|net)\\.[a-z]+\\.[a-z]"),
                    Pattern.compile(
                            "\\b[A-Z][A-Za-z0-9]+\\.[a-z][A-Za-z0-9]*\\(\\)"), // StreamReadConstraints.getMaxStringLength()
                    Pattern.compile("(?m)^\\s+at [\\w.$]+\\(")); // a stack trace line

    private PartnerMessages() {}

    /** What in {@code message} a partner should not see, or null when it is clean. */
    public static String leak(String message) {
        return leak(message, "");
    }

    /**
     * The same, except for what {@code input} itself contains: a parser that quotes the partner's
     * file back (Woodstox does, {@code value '1.0x'}) shows them nothing new, and random input is
     * full of words like "fooError".
     */
    public static String leak(String message, String input) {
        if (message == null) {
            return null;
        }
        for (Pattern pattern : FORBIDDEN) {
            var matcher = pattern.matcher(message);
            while (matcher.find()) {
                if (!input.contains(matcher.group())) {
                    return matcher.group();
                }
            }
        }
        return null;
    }

    /** Throws an AssertionError naming the leak when {@code message} is not fit for a partner. */
    public static void assertClean(String what, String message) {
        assertClean(what, message, "");
    }

    /** The same, leaving alone what {@code input} itself contains. */
    public static void assertClean(String what, String message, String input) {
        String leak = leak(message, input);
        if (leak != null) {
            throw new AssertionError(
                    what + " shows a partner '" + leak + "': " + abbreviate(message));
        }
    }

    public static String abbreviate(String text) {
        return text == null || text.length() <= 300
                ? text
                : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
