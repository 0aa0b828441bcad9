package com.partnerpipeline.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps the loggers that dump raw request bytes at INFO, whatever level they are given, in
 * config.yml or later by {@code POST /tasks/log-level}: at DEBUG they write every header value one
 * by one ({@code valueString=[...]}) and the bytes read from each socket, where a key appears
 * without its name or cut short, so no masking rule can tell it from other text; they would also
 * write partners' uploaded files. A turbo filter decides before the level is looked at, so it holds
 * at every level.
 */
final class RawTrafficFilter extends TurboFilter {
    static final List<String> LOGGERS =
            List.of(
                    "org.eclipse.jetty.http.HttpParser", // each header's name and value as parsed
                    "org.eclipse.jetty.io", // bytes filled from and flushed to each socket
                    "org.eclipse.jetty.server.internal.HttpConnection"); // the buffers it hands the

    // parser

    @Override
    public FilterReply decide(
            Marker marker,
            Logger logger,
            Level level,
            String format,
            Object[] params,
            Throwable t) {
        if (level == null
                || level.levelInt >= Level.INFO_INT
                || level.levelInt < logger.getEffectiveLevel().levelInt) {
            return FilterReply
                    .NEUTRAL; // INFO and above, or below the logger's level anyway: cheap, since
            // Jetty asks often
        }
        return isRawTraffic(logger.getName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isRawTraffic(String loggerName) {
        for (String name : LOGGERS) {
            if (loggerName.startsWith(name)
                    && (loggerName.length() == name.length()
                            || loggerName.charAt(name.length()) == '.'
                            || loggerName.charAt(name.length()) == '$')) {
                return true;
            }
        }
        return false;
    }
}
