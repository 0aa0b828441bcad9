package com.partnerpipeline.app.db;

import com.partnerpipeline.app.domain.StoredSchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(StoredSchema.class)
public interface SchemaDao {
    String COLUMNS =
            "id, partner_id, name, version, fields::text AS fields, validation_rules::text AS validation_rules, created_at";

    /** A new version of {@code name}: one more than the latest, decided in the same statement. */
    @SqlQuery(
            "INSERT INTO schemas (id, partner_id, name, version, fields, validation_rules) "
                    + "SELECT :id, :partnerId, :name, COALESCE(MAX(version), 0) + 1, CAST(:fields AS jsonb), CAST(:rules AS jsonb) "
                    + "FROM schemas WHERE partner_id = :partnerId AND name = :name RETURNING "
                    + COLUMNS)
    StoredSchema insertNextVersion(
            @Bind("id") UUID id,
            @Bind("partnerId") UUID partnerId,
            @Bind("name") String name,
            @Bind("fields") String fields,
            @Bind("rules") String validationRules);

    @SqlQuery("SELECT " + COLUMNS + " FROM schemas WHERE id = :id AND partner_id = :partnerId")
    Optional<StoredSchema> findForPartner(@Bind("id") UUID id, @Bind("partnerId") UUID partnerId);

    @SqlQuery("SELECT " + COLUMNS + " FROM schemas WHERE id = :id")
    Optional<StoredSchema> find(@Bind("id") UUID id);

    @SqlQuery(
            "SELECT "
                    + COLUMNS
                    + " FROM schemas WHERE partner_id = :partnerId ORDER BY name, version DESC")
    List<StoredSchema> listForPartner(@Bind("partnerId") UUID partnerId);
}
