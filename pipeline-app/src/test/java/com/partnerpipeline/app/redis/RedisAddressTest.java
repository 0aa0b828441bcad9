package com.partnerpipeline.app.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

/** Every part of a Redis URL is read, or refused by name; the password never shows in a message. */
class RedisAddressTest {
    @Test
    void everyPartIsRead() {
        assertThat(RedisAddress.parse("redis://127.0.0.1:6379"))
                .isEqualTo(new RedisAddress(false, "127.0.0.1", 6379, 0, null, null));
        assertThat(RedisAddress.parse("redis://redis/9"))
                .isEqualTo(new RedisAddress(false, "redis", 6379, 9, null, null));
        assertThat(RedisAddress.parse("rediss://:p%40ss%3Aword@cache.example.com:6380/15"))
                .isEqualTo(
                        new RedisAddress(true, "cache.example.com", 6380, 15, null, "p@ss:word"));
        assertThat(RedisAddress.parse("REDIS://pipeline:secret@[::1]:7000/"))
                .isEqualTo(new RedisAddress(false, "[::1]", 7000, 0, "pipeline", "secret"));
        assertThat(RedisAddress.parse("redis://:@h"))
                .isEqualTo(new RedisAddress(false, "h", 6379, 0, null, null));
    }

    @Test
    void redissonIsGivenOnlySchemeHostAndPort() {
        assertThat(RedisAddress.parse("rediss://u:secret@h:1/3").server())
                .isEqualTo("rediss://h:1");
        assertThat(RedisAddress.parse("redis://[::1]/3").server()).isEqualTo("redis://[::1]:6379");
        assertThat(RedisAddress.parse("rediss://u:secret@h:1/3").toString())
                .isEqualTo("rediss://h:1/3 as u")
                .doesNotContain("secret");
    }

    @Test
    void whatCannotBeUsedIsNamedWithoutThePassword() {
        assertThatThrownBy(() -> RedisAddress.parse("redis://:secret@h:6379/abc"))
                .hasMessage(
                        "has a database that is not a number from 0 to 2147483647, as in redis://host:6379/9");
        assertThatThrownBy(() -> RedisAddress.parse("redis://:secret@h:99999"))
                .hasMessageStartingWith("has a port that is not a number from 1 to 65535: ")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisAddress.parse("redis://:secret@/1"))
                .hasMessageStartingWith("has no host: ");
        assertThatThrownBy(() -> RedisAddress.parse("unix:///tmp/redis.sock"))
                .hasMessageStartingWith("must start with redis:// or rediss://: ");
        assertThatThrownBy(() -> RedisAddress.parse("redis://h#x"))
                .hasMessageStartingWith("has a query or a fragment");
        assertThatThrownBy(() -> RedisAddress.parse("redis://:sec ret@h"))
                .hasMessageStartingWith("is not a URL (")
                .hasMessageNotContaining("sec");
        String hint = "redis://[[user]:password@]host[:port][/database], or rediss:// for TLS";
        String database =
                "has a database that is not a number from 0 to 2147483647, as in redis://host:6379/9";
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("redis://127.0.0.1:6379/99999999999", database);
        refused.put("redis://127.0.0.1:6379/9/x", database);
        refused.put(
                "redis://127.0.0.1:notaport",
                "has a port that is not a number from 1 to 65535: " + hint);
        refused.put(
                "redis://127.0.0.1:6379?db=2",
                "has a query or a fragment, which Redis URLs do not use: " + hint);
        refused.put("http://127.0.0.1:6379", "must start with redis:// or rediss://: " + hint);
        refused.put("redis://user-only@127.0.0.1:6379", "has a user name but no password: " + hint);
        refused.put(
                "redis://127.0.0.1:6379 /2",
                "is not a URL (illegal character in authority at index 8): " + hint);
        refused.forEach(
                (url, message) ->
                        assertThatThrownBy(() -> RedisAddress.parse(url))
                                .as(url)
                                .hasMessage(message));
    }

    @Test
    void theConfigurationSaysWhatIsWrongWithTheAddressAndRefusesTwoPasswords() throws Exception {
        var mapper = Jackson.newObjectMapper();
        var badDatabase =
                mapper.readValue("{\"address\": \"redis://h/x\"}", RedisConfiguration.class);
        var twoPasswords =
                mapper.readValue(
                        "{\"address\": \"redis://:a@h\", \"password\": \"b\"}",
                        RedisConfiguration.class);
        var samePassword =
                mapper.readValue(
                        "{\"address\": \"redis://:a@h/2\", \"password\": \"a\"}",
                        RedisConfiguration.class);

        assertThat(Validators.newValidator().validate(badDatabase))
                .extracting(v -> v.getPropertyPath() + " " + v.getMessage())
                .containsExactly(
                        "address has a database that is not a number from 0 to 2147483647, as in redis://host:6379/9");
        assertThat(Validators.newValidator().validate(twoPasswords))
                .extracting(v -> v.getMessage())
                .containsExactly(
                        "redis.address has a password and redis.password (REDIS_PASSWORD) another one: give it in one place");
        assertThat(Validators.newValidator().validate(samePassword)).isEmpty();
        assertThat(samePassword.effectivePassword()).isEqualTo("a");
        assertThat(samePassword.parsedAddress().database()).isEqualTo(2);
    }
}
