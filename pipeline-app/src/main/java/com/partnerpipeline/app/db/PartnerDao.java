package com.partnerpipeline.app.db;

import com.partnerpipeline.app.domain.Partner;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Partner.class)
public interface PartnerDao {
    @SqlUpdate(
            "INSERT INTO partners (id, name, api_key_hash, webhook_url) VALUES (:id, :name, :hash, :webhookUrl)")
    void insert(
            @Bind("id") UUID id,
            @Bind("name") String name,
            @Bind("hash") String apiKeyHash,
            @Bind("webhookUrl") String webhookUrl);

    /**
     * The lookup is by the unique index on the hash; the caller compares the hash again in constant
     * time.
     */
    @SqlQuery(
            "SELECT id, name, webhook_url, created_at, api_key_hash FROM partners WHERE api_key_hash = :hash")
    @RegisterConstructorMapper(PartnerWithHash.class)
    Optional<PartnerWithHash> findByKeyHash(@Bind("hash") String apiKeyHash);

    @SqlQuery("SELECT id, name, webhook_url, created_at FROM partners WHERE id = :id")
    Optional<Partner> find(@Bind("id") UUID id);

    /** A partner row with its key hash, for authentication only. */
    record PartnerWithHash(
            UUID id,
            String name,
            String webhookUrl,
            java.time.Instant createdAt,
            String apiKeyHash) {
        public Partner partner() {
            return new Partner(id, name, webhookUrl, createdAt);
        }
    }
}
