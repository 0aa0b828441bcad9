package com.partnerpipeline.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The forms in which Jetty, Dropwizard, the request log and our own code have been seen to write a
 * key.
 */
class ApiKeyRedactionTest {
    private static final String KEY =
            "pk_aa865f8e13c8530f25a1eb6c249cf23f885624cdc1b6389d3bcf1e4e372d4cca";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // the request line, in the request log and in Dropwizard's thread names
                "GET /ws/jobs/1?partnerId=7&apiKey=$KEY HTTP/1.1 | GET /ws/jobs/1?partnerId=7&apiKey=*** HTTP/1.1",
                "dw-21 - GET /api/jobs?apiKey=$KEY&page=2 | dw-21 - GET /api/jobs?apiKey=***&page=2",
                "request=GET@3378bc54 http://h:1/api/jobs?APIKEY=wrong-key#x] | request=GET@3378bc54 http://h:1/api/jobs?APIKEY=***#x]",
                // header dumps
                "FIELD(X-API-Key: $KEY) | FIELD(X-API-Key: ***)",
                "FIELD(x-api-key: not-a-key-at-all) | FIELD(x-api-key: ***)",
                "`Host: h\\r\\nX-API-Key: wrong\\r\\n\\r\\n` | `Host: h\\r\\nX-API-Key: ***\\r\\n\\r\\n`",
                "{X-API-Key=[wrong], Accept=[*/*]} | {X-API-Key=[***], Accept=[*/*]}",
                // maps, JSON (escaped inside a JSON log line too), the CLI's environment variable
                "{apiKey=[wrong], partnerId=[7]} | {apiKey=[***], partnerId=[7]}",
                "`{\"apiKey\": \"wrong one\"}` | `{\"apiKey\": \"***\"}`",
                "`{\\\"apiKey\\\":\\\"wrong\\\"}` | `{\\\"apiKey\\\":\\\"***\\\"}`",
                "PIPELINE_API_KEY=wrong | PIPELINE_API_KEY=***",
                "api_key = 'wrong' | api_key = '***'",
                // the admin token
                "Authorization: Bearer op-secret-token | Authorization: Bearer ***",
                // bare keys, whole or cut short by a buffer dump
                "partner key $KEY rejected | partner key pk_*** rejected",
                "={<<<GET /api/jobs?x=pk_aa865f8e...89d3bcf1e4e372d4cca | ={<<<GET /api/jobs?x=pk_***...89d3bcf1e4e372d4cca",
                "PK_AA865F8E13C8530F | pk_***",
                "pk_AA865F8E13C8530F | pk_***",
            })
    void masksKeysByNameOrByShape(String logged, String written) {
        assertThat(ApiKeyRedaction.redact(logged.replace("$KEY", KEY))).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "missing API key: send the X-API-Key header or the apiKey query parameter",
                "SELECT id FROM partners WHERE api_key_hash = $1",
                "keyPrefix=it-1234, apiKeyHash=abc",
                "GET /api/jobs?page=2&limit=10 HTTP/1.1",
                "no keys here at all",
            })
    void leavesTextWithoutKeysAsItIs(String text) {
        assertThat(ApiKeyRedaction.redact(text)).isSameAs(text);
    }

    @Test
    void secretNamesAreHeaderAndParameterNamesInAnyCase() {
        assertThat(ApiKeyRedaction.isSecretName("X-API-KEY")).isTrue();
        assertThat(ApiKeyRedaction.isSecretName("apikey")).isTrue();
        assertThat(ApiKeyRedaction.isSecretName("Authorization")).isTrue();
        assertThat(ApiKeyRedaction.isSecretName("partnerId")).isFalse();
        assertThat(ApiKeyRedaction.isSecretName(null)).isFalse();
    }
}
