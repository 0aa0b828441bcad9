package com.partnerpipeline.schema;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * About how many instructions RE2/J compiles a pattern into, worked out from the pattern's text in
 * one pass without compiling it. RE2/J writes a counted repetition out: {@code x{1000}} is a
 * thousand copies of {@code x}, so the 31 characters of {@code ^((a{1000}){1000}){1000}$} are a
 * billion instructions, which exhaust any heap before they are compiled. (RE2 in C++ refuses nested
 * repetitions whose product passes 1000; RE2/J does not.) The count errs on the high side: a class,
 * escape or literal is one instruction, a group two more, an alternation one more per branch. A
 * malformed pattern is counted as far as it reads; RE2/J then refuses it with its own message.
 */
final class PatternSize {
    /** Sizes saturate here, far above any limit, so no product overflows. */
    private static final long CAP = 1L << 40;

    private PatternSize() {}

    /** One group (or the whole pattern) being counted. */
    private static final class Group {
        private long
                alternatives; // the branches before the current one, with one instruction each to
        // choose
        private long branch; // the current branch so far
        private long last; // the last item of the branch, which a repetition applies to

        void item(long size) {
            branch = add(branch, size);
            last = size;
        }

        void alternate() {
            alternatives = add(alternatives, add(branch, 1));
            branch = 0;
            last = 0;
        }

        /**
         * {@code min} copies, then up to {@code max} (or, unbounded, one looping copy), each
         * optional one with a choice.
         */
        void repeat(long min, long max, boolean unbounded) {
            long copies = unbounded ? Math.max(min, 1) : Math.max(max, 1);
            long extra = add(times(last, copies - 1), unbounded ? 1 : max - min);
            branch = add(branch, extra);
            last = times(last, copies);
        }

        long size() {
            return add(alternatives, branch);
        }
    }

    static long of(String pattern) {
        Deque<Group> enclosing = new ArrayDeque<>();
        Group group = new Group();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                int end = endOfEscape(pattern, i);
                group.item(
                        pattern.startsWith("\\Q", i)
                                ? Math.max(end - i - 4, 1)
                                : 1); // \Q...\E: each character
                i = end;
            } else if (c == '[') {
                i = endOfClass(pattern, i);
                group.item(1);
            } else if (c == '(') {
                int body = startOfGroupBody(pattern, i);
                if (body < 0) { // (?i): flags for what follows, no group
                    i = pattern.indexOf(')', i) + 1;
                    continue;
                }
                enclosing.push(group);
                group = new Group();
                i = body;
            } else if (c == ')' && !enclosing.isEmpty()) {
                long size = add(group.size(), 2);
                group = enclosing.pop();
                group.item(size);
                i++;
            } else if (c == '|') {
                group.alternate();
                i++;
            } else if (c == '*' || c == '+' || c == '?') {
                group.repeat(c == '+' ? 1 : 0, 1, c != '?');
                i++;
            } else if (c == '{' && repetitionEnd(pattern, i) > 0) {
                int end = repetitionEnd(pattern, i);
                String[] bounds = pattern.substring(i + 1, end).split(",", -1);
                long min = number(bounds[0]);
                boolean unbounded = bounds.length == 2 && bounds[1].isEmpty();
                long max = bounds.length == 1 ? min : unbounded ? min : number(bounds[1]);
                group.repeat(min, Math.max(min, max), unbounded);
                i = end + 1;
            } else {
                group.item(1);
                i++;
            }
        }
        while (!enclosing.isEmpty()) { // an unclosed group: RE2/J will refuse it
            long size = group.size();
            group = enclosing.pop();
            group.item(size);
        }
        return group.size();
    }

    /**
     * Just past an escape: {@code \d}, {@code \pL}, {@code \p{Greek}}, {@code \x{10FFFF}}, {@code
     * \x41}, {@code \Q...\E}.
     */
    private static int endOfEscape(String p, int i) {
        int n = p.length();
        if (i + 1 >= n) {
            return n;
        }
        char kind = p.charAt(i + 1);
        if (kind == 'Q') {
            int end = p.indexOf("\\E", i + 2);
            return end < 0 ? n : end + 2;
        }
        if ((kind == 'p' || kind == 'P' || kind == 'x') && i + 2 < n && p.charAt(i + 2) == '{') {
            int close = p.indexOf('}', i + 3);
            return close < 0 ? n : close + 1;
        }
        return Math.min(n, i + (kind == 'x' ? 4 : kind == 'p' || kind == 'P' ? 3 : 2));
    }

    /**
     * Just past a character class; {@code []a]} and {@code [^]a]} hold a ']', {@code [[:alpha:]]} a
     * named class.
     */
    private static int endOfClass(String p, int i) {
        int n = p.length();
        int j = i + 1;
        if (j < n && p.charAt(j) == '^') {
            j++;
        }
        if (j < n && p.charAt(j) == ']') {
            j++;
        }
        while (j < n && p.charAt(j) != ']') {
            if (p.charAt(j) == '\\') {
                j = endOfEscape(p, j);
            } else if (p.startsWith("[:", j) && p.indexOf(":]", j + 2) > 0) {
                j = p.indexOf(":]", j + 2) + 2;
            } else {
                j++;
            }
        }
        return Math.min(n, j + 1);
    }

    /**
     * Where a group's content starts, or -1 for a flags-only {@code (?i)}; {@code (?:}, {@code
     * (?i:}, {@code (?P<name>}.
     */
    private static int startOfGroupBody(String p, int i) {
        if (!p.startsWith("(?", i)) {
            return i + 1;
        }
        int j = i + 2;
        if (j < p.length() && (p.charAt(j) == 'P' || p.charAt(j) == '<')) {
            int close = p.indexOf('>', j);
            return close < 0 ? p.length() : close + 1;
        }
        while (j < p.length() && p.charAt(j) != ':' && p.charAt(j) != ')') {
            j++;
        }
        return j < p.length() && p.charAt(j) == ')' ? -1 : Math.min(p.length(), j + 1);
    }

    /**
     * The index of the '}' closing {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}, or -1:
     * then '{' is a literal.
     */
    private static int repetitionEnd(String p, int i) {
        int j = i + 1;
        int digits = 0;
        while (j < p.length() && isAsciiDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= p.length()) {
            return -1;
        }
        if (p.charAt(j) == ',') {
            j++;
            while (j < p.length() && isAsciiDigit(p.charAt(j))) {
                j++;
            }
        }
        return j < p.length() && p.charAt(j) == '}' ? j : -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long number(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length() && value < CAP; i++) {
            value = value * 10 + Character.digit(digits.charAt(i), 10);
        }
        return Math.min(value, CAP);
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long times(long a, long b) {
        return a != 0 && b > CAP / a ? CAP : Math.min(CAP, a * b);
    }
}
