package com.partnerpipeline.app.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.ApiKeys;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.app.service.SchemaRegistry;
import com.partnerpipeline.schema.SchemaLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Dev mode's partner and its sample schema ({@code sample-data/customers.schema.json}, packed in
 * the jar). Only a key's hash is in the database, so the key itself is kept in the data directory,
 * to be shown again at every start.
 */
public record DemoPartner(UUID partnerId, String apiKey, StoredSchema schema) {
    private static final String SAMPLE_SCHEMA = "sample-data/customers.schema.json";
    private static final String SAMPLE_FILE = "sample-data/customers.csv";
    static final String KEY_FILE = "demo-api-key";

    /** The demo partner and schema of an earlier start, or new ones. */
    public static DemoPartner ensure(
            Jdbi jdbi, Path dataDirectory, ObjectMapper json, SchemaLimits limits)
            throws IOException {
        PartnerDao partners = jdbi.onDemand(PartnerDao.class);
        Path keyFile = dataDirectory.resolve(KEY_FILE);
        String apiKey =
                Files.exists(keyFile)
                        ? Files.readString(keyFile, StandardCharsets.US_ASCII).strip()
                        : null;
        UUID partnerId =
                apiKey == null
                        ? null
                        : partners.findByKeyHash(ApiKeys.hash(apiKey))
                                .map(PartnerDao.PartnerWithHash::id)
                                .orElse(null);
        if (partnerId == null) {
            apiKey = ApiKeys.generate();
            partnerId = UUID.randomUUID();
            partners.insert(partnerId, "Demo partner", ApiKeys.hash(apiKey), null);
            Files.writeString(keyFile, apiKey + "\n", StandardCharsets.US_ASCII);
        }
        return new DemoPartner(
                partnerId,
                apiKey,
                sampleSchema(jdbi.onDemand(SchemaDao.class), partnerId, json, limits));
    }

    /**
     * The sample CSV for the first upload: the project's own when dev runs from the project
     * directory, otherwise a copy from the jar in the data directory.
     */
    public static Path sampleFile(Path dataDirectory) throws IOException {
        Path inProject = Path.of(SAMPLE_FILE);
        if (Files.isRegularFile(inProject)) {
            return inProject;
        }
        Path copy = dataDirectory.resolve(SAMPLE_FILE);
        if (!Files.exists(copy)) {
            Files.createDirectories(copy.getParent());
            try (InputStream in = resource(SAMPLE_FILE)) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoPartner.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the jar");
        }
        return in;
    }

    private static StoredSchema sampleSchema(
            SchemaDao schemas, UUID partnerId, ObjectMapper json, SchemaLimits limits)
            throws IOException {
        JsonNode body;
        try (InputStream in = resource(SAMPLE_SCHEMA)) {
            body = json.readTree(in);
        }
        String name = body.path("name").asText();
        return schemas.listForPartner(partnerId).stream()
                .filter(schema -> schema.name().equals(name))
                .findFirst() // the latest version
                .orElseGet(
                        () -> new SchemaRegistry(schemas, json, limits).register(partnerId, body));
    }
}
