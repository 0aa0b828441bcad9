package com.partnerpipeline.app.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.api.ApiError;
import com.partnerpipeline.app.domain.Sha256;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin tasks ({@code POST /tasks/gc}, {@code /tasks/log-level}) change a running server: one
 * unauthenticated log-level request once made the server log partners' requests in full. They run
 * only for {@code Authorization: Bearer <adminAccess.taskToken>}; without a configured token they
 * are turned off (403), so a deployment that never chose a token cannot be reached by a guess. The
 * read-only endpoints (metrics, health checks, ping, thread dumps) stay open to whoever reaches the
 * admin port, which listens on loopback by default.
 */
public final class AdminTaskGuard implements Filter {
    static final String TURNED_OFF =
            "admin tasks are turned off: set adminAccess.taskToken (PIPELINE_ADMIN_TOKEN) to use them";
    static final String NEED_TOKEN =
            "admin tasks need the operator token: Authorization: Bearer TOKEN";

    private static final Logger LOG = LoggerFactory.getLogger(AdminTaskGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    /**
     * SHA-256 of the token, or null when tasks are turned off; hashes compare in constant time
     * whatever the lengths.
     */
    private final byte[] tokenHash;

    AdminTaskGuard(String token) {
        this.tokenHash = token == null ? null : hash(token);
    }

    /**
     * Guards {@code /tasks/*} of {@code admin}: the API's admin context, where Dropwizard registers
     * its tasks.
     */
    public static void install(ServletEnvironment admin, AdminAccessConfiguration access) {
        admin.addFilter("admin-task-guard", new AdminTaskGuard(access.getTaskToken()))
                .addMappingForUrlPatterns(
                        EnumSet.allOf(DispatcherType.class), false, "/tasks", "/tasks/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (tokenHash == null) {
            refuse(http, answer, HttpServletResponse.SC_FORBIDDEN, TURNED_OFF);
        } else if (!authorized(http.getHeader("Authorization"))) {
            answer.setHeader("WWW-Authenticate", "Bearer realm=\"admin tasks\"");
            refuse(http, answer, HttpServletResponse.SC_UNAUTHORIZED, NEED_TOKEN);
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, hash(authorization.substring(BEARER.length())));
    }

    /** Never the presented token in the log: a near miss is most of a secret. */
    private static void refuse(
            HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        LOG.warn(
                "Refused admin task {} {} from {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                request.getRemoteAddr(),
                status == HttpServletResponse.SC_FORBIDDEN
                        ? "tasks are turned off"
                        : "no valid token");
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(body(message));
    }

    private static byte[] body(String message) {
        try {
            return JSON.writeValueAsBytes(new ApiError(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hash(String text) {
        return Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
