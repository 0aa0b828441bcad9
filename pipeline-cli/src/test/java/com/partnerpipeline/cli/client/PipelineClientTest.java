package com.partnerpipeline.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Network failures are told in words: some JDK exceptions carry no message, and their class name is
 * no message.
 */
class PipelineClientTest {
    @Test
    void aFailureWithoutAMessageIsNeverItsClassName() {
        assertThat(PipelineClient.describe(new ConnectException()))
                .isEqualTo("it failed without saying why");
        assertThat(PipelineClient.describe(new IOException(" ")))
                .isEqualTo("it failed without saying why");
        assertThat(PipelineClient.describe(new TimeoutException())).isEqualTo("no answer in time");
        assertThat(PipelineClient.describe(new HttpTimeoutException("request timed out")))
                .isEqualTo("no answer in time");
        assertThat(PipelineClient.describe(new ConnectException("Connection refused")))
                .isEqualTo("Connection refused");
    }
}
