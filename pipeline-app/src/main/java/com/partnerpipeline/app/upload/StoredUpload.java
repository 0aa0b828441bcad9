package com.partnerpipeline.app.upload;

import com.partnerpipeline.formats.FileFormat;
import java.nio.file.Path;

/**
 * A file a job can be made of: its format told by its name and checked against its first bytes, its
 * size and SHA-256 taken. Only {@link UploadStore} makes one, from an upload as it arrives or from
 * a file already on disk.
 */
public record StoredUpload(
        Path path, String originalName, long size, FileFormat format, String sha256) {}
