package com.partnerpipeline.app.upload;

/**
 * Whether a failed write failed for want of space. Java gives no error code for it, only the
 * system's message: ENOSPC ("No space left on device") and EDQUOT ("Disk quota exceeded"), as the
 * JDK words them on Linux and macOS.
 */
public final class DiskFull {
    private DiskFull() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null
                    && (message.contains("No space left on device")
                            || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
