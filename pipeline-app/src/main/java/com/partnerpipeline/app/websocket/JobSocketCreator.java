package com.partnerpipeline.app.websocket;

import com.partnerpipeline.app.auth.FailedKeyLimiter;
import com.partnerpipeline.app.db.JobDao;
import com.partnerpipeline.app.domain.Ids;
import com.partnerpipeline.app.domain.Partner;
import io.dropwizard.auth.AuthenticationException;
import io.dropwizard.auth.Authenticator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake of {@code /ws/jobs/{jobId}?partnerId=...}: checks the API key (header {@code
 * X-API-Key}, or the {@code apiKey} parameter for browsers), the partner and the job. A refusal
 * still completes the upgrade, then closes with 1008 and a reason before any job data, so browsers,
 * which hide failed handshakes, can show why.
 */
public final class JobSocketCreator implements JettyWebSocketCreator {
    private static final Logger LOG = LoggerFactory.getLogger(JobSocketCreator.class);

    private final Authenticator<String, Partner> authenticator;
    private final FailedKeyLimiter failedKeys;
    private final JobDao jobs;
    private final JobSocketHub hub;

    public JobSocketCreator(
            Authenticator<String, Partner> authenticator,
            FailedKeyLimiter failedKeys,
            JobDao jobs,
            JobSocketHub hub) {
        this.authenticator = authenticator;
        this.failedKeys = failedKeys;
        this.jobs = jobs;
        this.hub = hub;
    }

    @Override
    public Object createWebSocket(
            JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) {
        String apiKey =
                Optional.ofNullable(request.getHeader("X-API-Key"))
                        .orElse(parameter(request, "apiKey"));
        String partnerId = parameter(request, "partnerId");
        if (apiKey == null || apiKey.isBlank()) {
            return refuse(
                    "missing API key: send the X-API-Key header or the apiKey query parameter");
        }
        if (partnerId == null || partnerId.isBlank()) {
            return refuse("missing partnerId query parameter");
        }
        String address =
                request.getRemoteSocketAddress() instanceof InetSocketAddress inet
                        ? inet.getAddress().getHostAddress()
                        : String.valueOf(request.getRemoteSocketAddress());
        OptionalLong refusedFor = failedKeys.refusedFor(address);
        if (refusedFor.isPresent()) {
            return new RefusedSocket(
                    CloseCodes.TRY_AGAIN_LATER, FailedKeyLimiter.refusal(refusedFor.getAsLong()));
        }
        try {
            Optional<Partner> partner = authenticator.authenticate(apiKey);
            if (partner.isEmpty()) {
                failedKeys.failed(address);
                return refuse("invalid API key");
            }
            if (!partner.get().id().toString().equalsIgnoreCase(partnerId.trim())) {
                return refuse("partnerId does not match the API key");
            }
            Optional<UUID> jobId =
                    Ids.parse(
                            request.getRequestPath()
                                    .substring(request.getRequestPath().lastIndexOf('/') + 1));
            if (jobId.isEmpty() || jobs.findForPartner(jobId.get(), partner.get().id()).isEmpty()) {
                return refuse("job not found");
            }
            return new JobSocket(jobId.get(), hub);
        } catch (AuthenticationException | RuntimeException e) {
            LOG.warn("Could not check a job socket's credentials: {}", e.getMessage());
            return new RefusedSocket(
                    CloseCodes.SERVER_ERROR,
                    "service unavailable: cannot check credentials right now");
        }
    }

    private static RefusedSocket refuse(String reason) {
        return new RefusedSocket(CloseCodes.POLICY_VIOLATION, reason);
    }

    private static String parameter(JettyServerUpgradeRequest request, String name) {
        List<String> values = request.getParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
