package com.partnerpipeline.app.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** API keys: 256 random bits shown once; only their SHA-256 is stored and compared. */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key, {@code pk_} and 64 hex digits. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "pk_" + HexFormat.of().formatHex(bytes);
    }

    public static String hash(String apiKey) {
        return HexFormat.of()
                .formatHex(Sha256.newDigest().digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
