package com.partnerpipeline.app.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerpipeline.app.PipelineApplication;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.testing.Fixtures;
import com.partnerpipeline.app.testing.RawHttp;
import com.partnerpipeline.app.testing.TestEnvironment;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whatever fails unexpectedly, in a resource, as an {@link Error} Jersey does not map, or in a
 * servlet outside Jersey, the partner gets a JSON 500 with a reference to quote, never Jetty's HTML
 * page or an exception's name.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InternalErrorsIT {
    private static final TestEnvironment ENV = TestEnvironment.create();
    private static final DropwizardAppExtension<PipelineConfiguration> APP =
            new DropwizardAppExtension<>(FailingApplication.class, ENV.configFile().toString());

    /** The real application, plus routes that fail in each way an unforeseen bug could. */
    public static final class FailingApplication extends PipelineApplication {
        @Override
        public void run(PipelineConfiguration configuration, Environment environment) {
            super.run(configuration, environment);
            environment.jersey().register(new Failing());
            environment.getApplicationContext().addServlet(FailingServlet.class, "/broken-servlet");
        }
    }

    @Path("/api/broken")
    public static final class Failing {
        @GET
        @Path("/runtime")
        public String runtime() {
            throw new IllegalStateException("secret detail");
        }

        @GET
        @Path("/error")
        public String error() {
            throw new AssertionError("secret detail");
        }
    }

    public static final class FailingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            throw new IOException("secret detail");
        }
    }

    @Test
    void every500IsJsonWithAReferenceAndNoDetail() throws IOException {
        String key = Fixtures.partner(ENV.jdbi(), "Acme").apiKey();
        for (String path : List.of("/api/broken/runtime", "/api/broken/error", "/broken-servlet")) {
            RawHttp.Answer answer =
                    RawHttp.exchange(
                            APP.getLocalPort(),
                            "GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: x\r\n"
                                    + "X-API-Key: "
                                    + key
                                    + "\r\nConnection: close",
                            new byte[0],
                            10_000);

            assertThat(answer.status()).as(answer.raw()).isEqualTo(500);
            assertThat(answer.headers().get("content-type"))
                    .as(path)
                    .startsWith("application/json");
            assertThat(answer.error())
                    .as(path)
                    .matches("internal error \\(reference [0-9a-f]{8}\\)");
            assertThat(answer.body())
                    .doesNotContain("secret")
                    .doesNotContain("Exception")
                    .doesNotContain("Error:");
        }
    }
}
