package com.partnerpipeline.app.db;

import com.partnerpipeline.app.domain.RecordError;
import com.partnerpipeline.processing.sinks.ErrorCsvSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * All errors of a job as CSV, streamed through a server-side cursor: memory stays flat for millions
 * of rows.
 */
public final class ErrorExport {
    private static final int FETCH_SIZE = 1000;

    /**
     * What the cells hold: safe to open in a spreadsheet (the default), or exactly as stored, for
     * programs.
     */
    public enum Cells {
        SAFE,
        RAW
    }

    private final Jdbi jdbi;

    public ErrorExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void writeCsv(UUID jobId, Cells cells, OutputStream out) {
        // PostgreSQL streams with a fetch size only inside a transaction
        jdbi.useTransaction(
                handle -> {
                    Writer writer =
                            new BufferedWriter(
                                    new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    try (Stream<RecordError> errors = inRecordOrder(handle, jobId)) {
                        writer.write(ErrorCsvSink.HEADER);
                        for (Iterator<RecordError> it = errors.iterator(); it.hasNext(); ) {
                            writer.write(row(it.next(), cells));
                        }
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static Stream<RecordError> inRecordOrder(Handle handle, UUID jobId) {
        return handle
                .createQuery(
                        "SELECT "
                                + ProcessingErrorDao.COLUMNS
                                + " FROM processing_errors WHERE job_id = :jobId ORDER BY record_index, id")
                .bind("jobId", jobId)
                .setFetchSize(FETCH_SIZE)
                .registerRowMapper(ConstructorMapper.factory(RecordError.class))
                .mapTo(RecordError.class)
                .stream();
    }

    private static String row(RecordError error, Cells cells) {
        long line = error.lineNumber() == null ? 0 : error.lineNumber();
        return cells == Cells.RAW
                ? ErrorCsvSink.rawRow(
                        error.recordIndex(),
                        line,
                        error.field(),
                        error.code(),
                        error.message(),
                        error.rawValue())
                : ErrorCsvSink.row(
                        error.recordIndex(),
                        line,
                        error.field(),
                        error.code(),
                        error.message(),
                        error.rawValue());
    }
}
