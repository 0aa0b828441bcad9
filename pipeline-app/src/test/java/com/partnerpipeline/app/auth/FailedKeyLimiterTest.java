package com.partnerpipeline.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedKeyLimiterTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final FailedKeyLimiter limiter =
            new FailedKeyLimiter(3, Duration.ofSeconds(60), clock, 10);

    @Test
    void anAddressIsRefusedFromItsLastAllowedFailureUntilItsWindowEnds() {
        for (int i = 0; i < 2; i++) {
            limiter.failed("10.0.0.1");
        }
        assertThat(limiter.refusedFor("10.0.0.1")).isEmpty();

        limiter.failed("10.0.0.1");
        clock.millis += 20_500;

        assertThat(limiter.refusedFor("10.0.0.1")).hasValue(40);
        assertThat(limiter.refusedFor("10.0.0.2")).as("other addresses are not affected").isEmpty();
        clock.millis += 39_500;
        assertThat(limiter.refusedFor("10.0.0.1")).isEmpty();
        limiter.failed("10.0.0.1");
        assertThat(limiter.refusedFor("10.0.0.1")).as("a new window counts from zero").isEmpty();
    }

    @Test
    void manyAddressesNeverGrowItPastItsBound() {
        for (int i = 0; i < 20; i++) {
            limiter.failed("a" + i);
        }
        clock.millis += 60_000;
        limiter.failed("late");
        limiter.failed("late");
        limiter.failed("late");

        assertThat(limiter.refusedFor("a15")).as("not tracked while full").isEmpty();
        assertThat(limiter.refusedFor("late")).as("expired windows made room").isPresent();
    }
}
