package com.partnerpipeline.app.db;

import com.partnerpipeline.app.domain.RecordError;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(RecordError.class)
public interface ProcessingErrorDao {
    String COLUMNS =
            "record_index, line_number, field_name AS field, error_code AS code, error_message AS message, raw_value";

    @SqlQuery(
            "SELECT "
                    + COLUMNS
                    + " FROM processing_errors WHERE job_id = :jobId ORDER BY record_index, id LIMIT :limit OFFSET :offset")
    List<RecordError> page(
            @Bind("jobId") UUID jobId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM processing_errors WHERE job_id = :jobId")
    long count(@Bind("jobId") UUID jobId);
}
