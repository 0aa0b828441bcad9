package com.partnerpipeline.app.upload;

import com.partnerpipeline.app.domain.Sha256;
import com.partnerpipeline.formats.FileFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Where uploads live. A file is written once, to its final place, while it arrives; its SHA-256 and
 * size are taken on the way, its type is checked against its first bytes, and a file over the size
 * limit, or one the disk has no room for, is deleted at once.
 */
public final class UploadStore {
    private static final int HEAD_BYTES = 4096;

    /**
     * Room for the multipart framing around the file and the schemaId field, when judging a
     * declared length.
     */
    private static final long MULTIPART_ALLOWANCE = 64 * 1024;

    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    /**
     * 507: the same words whether the reserve or the disk itself ran out, since the partner can
     * only try again later.
     */
    public static final String NO_ROOM = "the server has no room for this upload; try again later";

    private final Path directory;
    private final long maxBytes;
    private final UploadSpace space;

    public UploadStore(Path directory, long maxBytes, UploadSpace space) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.space = space;
    }

    /**
     * Refuses, before a byte of it is read, an upload that would eat into the disk's reserve: any
     * upload while the free space is below it, or one whose declared length ({@code -1}: not
     * declared, as with chunked requests) is more than the space above it. A disk that cannot be
     * read is left for {@link #store} to find out about.
     */
    public void ensureRoom(long declaredLength) throws UploadRejected {
        UploadSpace.Reading reading;
        try {
            reading = space.read();
        } catch (IOException e) {
            return;
        }
        if (!reading.roomFor(Math.max(0, declaredLength))) {
            throw new UploadRejected(UploadRejected.Reason.NO_ROOM, NO_ROOM, true);
        }
    }

    /**
     * Refuses, before a byte of it is read (so no {@code 100 Continue} goes out), an upload whose
     * declared length ({@code -1}: not declared) cannot hold a file within the limit.
     */
    public void ensureWithinLimit(long declaredLength) throws UploadRejected {
        if (declaredLength > maxBytes + MULTIPART_ALLOWANCE) {
            throw new UploadRejected(UploadRejected.Reason.TOO_LARGE, tooLarge(maxBytes), true);
        }
    }

    private static String tooLarge(long maxBytes) {
        return "the file is larger than the limit of " + maxBytes + " bytes (uploads.maxFileSize)";
    }

    public StoredUpload store(UUID jobId, String filename, InputStream content)
            throws IOException, UploadRejected {
        String name = filename == null ? "" : filename;
        FileFormat format = formatOf(name);
        Files.createDirectories(directory);
        Path target = directory.resolve(jobId + extension(name));
        Copied copied;
        try (OutputStream out = Files.newOutputStream(target)) {
            copied = copy(name, content, out, maxBytes);
        } catch (UploadRejected | IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            if (DiskFull.causedBy(
                    e)) { // the space is back once the partial file is gone; the partner may try
                // again
                drain(content);
                throw new UploadRejected(UploadRejected.Reason.NO_ROOM, NO_ROOM, true);
            }
            if (e instanceof UploadRejected rejected
                    && rejected.reason() == UploadRejected.Reason.TOO_LARGE) {
                drain(content);
            }
            throw e;
        }
        return new StoredUpload(target, name, copied.size(), format, copied.sha256());
    }

    /**
     * A file already on disk, where it stays (the operator's {@code process-file --database}),
     * checked as an upload is.
     */
    public static StoredUpload describe(Path file) throws IOException, UploadRejected {
        String name = file.getFileName().toString();
        FileFormat format = formatOf(name);
        try (InputStream in = Files.newInputStream(file)) {
            Copied read = copy(name, in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
            return new StoredUpload(
                    file.toAbsolutePath(), name, read.size(), format, read.sha256());
        }
    }

    private record Copied(long size, String sha256) {}

    /**
     * Copies {@code content} to its end, its first bytes checked against its name, its size and
     * SHA-256 taken.
     */
    private static Copied copy(String name, InputStream content, OutputStream out, long maxBytes)
            throws IOException, UploadRejected {
        MessageDigest sha256 = Sha256.newDigest();
        long size = 0;
        byte[] buffer = content.readNBytes(HEAD_BYTES);
        checkContent(name, buffer);
        int length = buffer.length;
        do {
            size += length;
            if (size > maxBytes) {
                throw new UploadRejected(UploadRejected.Reason.TOO_LARGE, tooLarge(maxBytes), true);
            }
            sha256.update(buffer, 0, length);
            out.write(buffer, 0, length);
            buffer = buffer.length < 64 * 1024 ? new byte[64 * 1024] : buffer;
        } while ((length = content.read(buffer)) >= 0);
        return new Copied(size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static FileFormat formatOf(String name) throws UploadRejected {
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new UploadRejected(
                    UploadRejected.Reason.INVALID, "the file name contains a control character");
        }
        // refused before a byte of the file is read
        return FileFormat.fromFileName(name)
                .orElseThrow(
                        () ->
                                new UploadRejected(
                                        UploadRejected.Reason.UNSUPPORTED_TYPE,
                                        new FileFormat.Detection.UnknownExtension(
                                                        name, Optional.empty())
                                                .unsupported()));
    }

    private static void checkContent(String name, byte[] head) throws UploadRejected {
        if (head.length == 0) {
            throw new UploadRejected(UploadRejected.Reason.INVALID, "the file is empty");
        }
        if (FileFormat.detect(name, head, head.length)
                instanceof FileFormat.Detection.ContentMismatch mismatch) {
            throw new UploadRejected(
                    UploadRejected.Reason.UNSUPPORTED_TYPE, mismatch.message("the file"));
        }
    }

    /**
     * Reads and discards what is left of a refused upload, up to {@link #MAX_DRAIN} bytes more, so
     * that the client, still sending, gets to read the 413 or 507: many clients read no answer
     * before their upload is through. Past that, the connection is closed on a client that keeps
     * sending: a refused upload costs a bounded amount of reading whatever its size.
     */
    private static void drain(InputStream content) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long drained = 0;
        int n;
        while (drained < MAX_DRAIN && (n = content.read(scratch)) >= 0) {
            drained += n;
        }
    }

    public void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    private static String extension(String filename) {
        return filename.substring(filename.lastIndexOf('.')).toLowerCase(Locale.ROOT);
    }
}
