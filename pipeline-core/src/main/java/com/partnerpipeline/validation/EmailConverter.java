package com.partnerpipeline.validation;

/**
 * Email addresses of the form people and mail servers actually use: {@code local@domain.tld}, local
 * part of at most 64 characters without leading, trailing or doubled dots, a domain of at least two
 * labels, 254 characters in all. Checked by hand in one pass; no regular expression can be made to
 * backtrack.
 */
public final class EmailConverter extends TextFormatConverter {
    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

    public EmailConverter() {
        super("not a valid email address");
    }

    @Override
    boolean isValid(String address) {
        int at = address.lastIndexOf('@');
        if (address.length() > 254 || at < 1 || at > 64 || at == address.length() - 1) {
            return false;
        }
        return isValidLocalPart(address, at) && isValidDomain(address, at + 1);
    }

    private static boolean isValidLocalPart(String s, int end) {
        if (s.charAt(0) == '.' || s.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || LOCAL_SPECIALS.indexOf(c) >= 0
                            || (c > 127 && Character.isLetterOrDigit(c));
            if (!allowed || (c == '.' && s.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidDomain(String s, int start) {
        int labels = 0;
        int labelStart = start;
        for (int i = start; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                int length = i - labelStart;
                if (length < 1
                        || length > 63
                        || s.charAt(labelStart) == '-'
                        || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                boolean allowed =
                        (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')
                                || (c >= '0' && c <= '9')
                                || c == '-'
                                || (c > 127 && Character.isLetterOrDigit(c));
                if (!allowed) {
                    return false;
                }
            }
        }
        int topLevelStart = s.lastIndexOf('.') + 1;
        if (labels < 2 || s.length() - topLevelStart < 2) {
            return false;
        }
        for (int i = topLevelStart; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
