package com.partnerpipeline.app.domain;

import static com.partnerpipeline.app.domain.JobStatus.CANCELLED;
import static com.partnerpipeline.app.domain.JobStatus.COMPLETED;
import static com.partnerpipeline.app.domain.JobStatus.FAILED;
import static com.partnerpipeline.app.domain.JobStatus.PENDING;
import static com.partnerpipeline.app.domain.JobStatus.PROCESSING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle rules that the API, the commands and {@code JobDao}'s conditional updates all take
 * from JobStatus.
 */
class JobStatusTest {
    @Test
    void onlyAJobThatHasNotEndedCanBeCancelled() {
        assertThat(JobStatus.cancellable()).containsExactly(PENDING, PROCESSING);
        assertThat(List.of(COMPLETED, FAILED, CANCELLED)).noneMatch(JobStatus::canBeCancelled);
    }

    @Test
    void onlyAFailedJobCanBeRetried() {
        assertThat(JobStatus.retryable()).containsExactly(FAILED);
        assertThat(List.of(PENDING, PROCESSING, COMPLETED, CANCELLED))
                .noneMatch(JobStatus::canBeRetried);
    }

    @Test
    void theThreeEndsAreFinal() {
        assertThat(JobStatus.values())
                .filteredOn(JobStatus::isFinal)
                .containsExactly(COMPLETED, FAILED, CANCELLED);
    }

    @Test
    void statusesAreListedAsAPartnerReadsThem() {
        assertThat(JobStatus.describe(JobStatus.cancellable())).isEqualTo("PENDING or PROCESSING");
        assertThat(JobStatus.describe(JobStatus.retryable())).isEqualTo("FAILED");
        assertThat(JobStatus.describe(List.of(PENDING, PROCESSING, FAILED)))
                .isEqualTo("PENDING, PROCESSING or FAILED");
        assertThat(JobStatus.describe(List.of())).isEmpty();
    }
}
