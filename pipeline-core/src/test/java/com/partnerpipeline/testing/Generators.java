package com.partnerpipeline.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Property tests with plain JUnit 5: {@link #forAll} runs a property on {@link #tries()} generated
 * cases (200 in the normal build), each generated from its own seeded {@link Random}; a failure
 * names the case's seed, and {@code -Dproperties.seed=S -Dproperties.tries=1} generates exactly
 * that case again. On demand: {@code -Dproperties.tries=N} runs N cases per property, {@code
 * -Dproperties.seed=S} starts from seed S instead of a random one. The small generators below bias
 * sizes and numbers towards their edges (empty, longest, 0, -1, {@code Long.MIN_VALUE}...), where
 * readers and compilers break most often.
 */
public final class Generators {
    /** Cases per property: {@code -Dproperties.tries=N}, 200 by default. */
    public static final String TRIES_PROPERTY = "properties.tries";

    /** Seed of the first case: {@code -Dproperties.seed=S}, random by default. */
    public static final String SEED_PROPERTY = "properties.seed";

    private static final int DEFAULT_TRIES = 200;

    /**
     * Successive cases' seeds lie this far apart, so that neighbouring seeds do not start alike.
     */
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    private Generators() {}

    /** A generated case's input, given the case's own random source. */
    @FunctionalInterface
    public interface Generator<T> {
        T next(Random random);
    }

    /** The property a generated case must have; anything it throws is a failure. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    public static int tries() {
        int tries = Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES);
        if (tries < 1) {
            throw new IllegalArgumentException(
                    "-D" + TRIES_PROPERTY + " must be at least 1, not " + tries);
        }
        return tries;
    }

    private static final long DEFAULT_SEED = 20_261_130L;

    private static long firstSeed() {
        String seed = System.getProperty(SEED_PROPERTY);
        // fixed by default, so every build tries the same cases and a red build is red for
        // everyone; other seeds on demand
        return seed == null || seed.isBlank() ? DEFAULT_SEED : Long.parseLong(seed.trim());
    }

    /**
     * Runs {@code property} on {@link #tries()} cases made by {@code generator}, and stops at the
     * first that fails with an {@link AssertionError} naming the property, the case's seed (how to
     * run it alone) and its input as {@code describe} shows it, the original failure as its cause.
     */
    public static <T> void forAll(
            String name,
            Generator<T> generator,
            Function<? super T, String> describe,
            Property<? super T> property) {
        int tries = tries();
        long first = firstSeed();
        for (int i = 0; i < tries; i++) {
            long seed = first + i * SEED_STEP;
            T input = generator.next(new Random(seed));
            try {
                property.check(input);
            } catch (Exception | AssertionError | StackOverflowError e) {
                throw new AssertionError(
                        name
                                + " failed on case "
                                + (i + 1)
                                + " of "
                                + tries
                                + ", seed "
                                + seed
                                + " (run it alone: -D"
                                + SEED_PROPERTY
                                + "="
                                + seed
                                + " -D"
                                + TRIES_PROPERTY
                                + "=1)"
                                + "\ninput: "
                                + describe(describe, input)
                                + "\nfailure: "
                                + e,
                        e);
            }
        }
    }

    private static <T> String describe(Function<? super T, String> describe, T input) {
        try {
            return describe.apply(input);
        } catch (RuntimeException e) {
            return "(not shown: " + e + ")";
        }
    }

    // ---- generators

    /** From {@code min} to {@code max}, both included. */
    public static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /**
     * A size from {@code min} to {@code max}; the smallest and the largest a tenth of the time
     * each.
     */
    public static int size(Random random, int min, int max) {
        int roll = random.nextInt(10);
        return roll == 0 ? min : roll == 1 ? max : between(random, min, max);
    }

    @SafeVarargs
    public static <T> T oneOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One of {@code generators}, picked uniformly, then run. */
    @SafeVarargs
    public static <T> T oneOfGenerated(Random random, Generator<? extends T>... generators) {
        return generators[random.nextInt(generators.length)].next(random);
    }

    /**
     * {@code weights[i]} to {@code generators[i]}: a generator picked with its weight, then run.
     */
    @SafeVarargs
    public static <T> T frequency(
            Random random, int[] weights, Generator<? extends T>... generators) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < generators.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return generators[i].next(random);
            }
        }
        throw new IllegalStateException("weights do not cover the generators");
    }

    public static <T> List<T> list(
            Random random, int minSize, int maxSize, Generator<? extends T> element) {
        int size = size(random, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.next(random));
        }
        return list;
    }

    /**
     * A map of {@code minSize} to {@code maxSize} distinct keys, in the order generated; a key
     * generated twice is generated again, a few times at most (a small key space gives a smaller
     * map, never a loop).
     */
    public static <K, V> Map<K, V> map(
            Random random,
            int minSize,
            int maxSize,
            Generator<? extends K> keys,
            Generator<? extends V> values) {
        int size = size(random, minSize, maxSize);
        Map<K, V> map = new LinkedHashMap<>();
        for (int attempts = 0; map.size() < size && attempts < size * 10 + 10; attempts++) {
            K key = keys.next(random);
            if (!map.containsKey(key)) {
                map.put(key, values.next(random));
            }
        }
        if (map.size() < minSize) {
            throw new IllegalStateException("fewer than " + minSize + " distinct keys generated");
        }
        return map;
    }

    /** Up to {@code maxLength} characters, each one of {@code alphabet}'s. */
    public static String string(Random random, String alphabet, int maxLength) {
        return string(random, alphabet, 0, maxLength);
    }

    public static String string(Random random, String alphabet, int minLength, int maxLength) {
        int length = size(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static final String AWKWARD_CHARS =
            "\u0000\u007F\u00A0\u2028\uFEFF\uFFFF\uD800\uDFFFé€中\"\\";

    /**
     * Up to {@code maxLength} characters of any kind: mostly printable ASCII, but also control
     * characters, any character of the Basic Multilingual Plane (halves of surrogate pairs
     * included) and a few awkward ones.
     */
    public static String anyString(Random random, int maxLength) {
        int length = size(random, 0, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c =
                    switch (random.nextInt(8)) {
                        case 0, 1, 2, 3 -> (char) between(random, 0x20, 0x7E);
                        case 4, 5 -> (char) random.nextInt(0x10000);
                        case 6 -> (char) random.nextInt(0x20);
                        default -> AWKWARD_CHARS.charAt(random.nextInt(AWKWARD_CHARS.length()));
                    };
            text.append(c);
        }
        return text.toString();
    }

    /** Every character from {@code first} to {@code last}, as an alphabet for {@link #string}. */
    public static String range(char first, char last) {
        StringBuilder chars = new StringBuilder(last - first + 1);
        for (char c = first; c <= last; c++) {
            chars.append(c);
        }
        return chars.toString();
    }

    /**
     * Any long; now and then one of the edges (0, ±1, the smallest and largest, a power of two).
     */
    public static long anyLong(Random random) {
        return switch (random.nextInt(10)) {
            case 0 ->
                    oneOf(
                            random,
                            0L,
                            1L,
                            -1L,
                            Long.MAX_VALUE,
                            Long.MIN_VALUE,
                            Long.MAX_VALUE - 1,
                            Long.MIN_VALUE + 1,
                            (long) Integer.MAX_VALUE + 1,
                            (long) Integer.MIN_VALUE - 1,
                            1L << 53);
            case 1, 2 -> between(random, -1000, 1000);
            default -> random.nextLong();
        };
    }

    /**
     * A decimal from {@code -bound} to {@code bound} with exactly {@code scale} digits after the
     * point.
     */
    public static BigDecimal decimal(Random random, long bound, int scale) {
        BigDecimal max = BigDecimal.valueOf(bound).setScale(scale);
        long unscaledBound = max.unscaledValue().longValueExact();
        long unscaled =
                switch (random.nextInt(10)) {
                    case 0 -> oneOf(random, 0L, 1L, -1L, unscaledBound, -unscaledBound);
                    default -> random.nextLong(-unscaledBound, unscaledBound + 1);
                };
        return BigDecimal.valueOf(unscaled, scale);
    }

    public static byte[] bytes(Random random, int maxLength) {
        byte[] bytes = new byte[size(random, 0, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- describing inputs in failure messages

    /**
     * {@code text} in Java string syntax: control, non-ASCII and surrogate characters escaped, so a
     * failure shows them.
     */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    public static String hex(byte[] bytes) {
        return bytes.length + " bytes: " + HexFormat.of().formatHex(bytes);
    }
}
