package com.partnerpipeline.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.Databases;
import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.db.SchemaDao;
import com.partnerpipeline.app.domain.StoredSchema;
import com.partnerpipeline.app.service.SchemaRegistry;
import io.dropwizard.core.setup.Bootstrap;
import java.io.File;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code schema create config.yml --partner ID --file schema.json}: registers a schema for a
 * partner, as the API does.
 */
public final class SchemaCommand extends OperatorCommand {
    public SchemaCommand() {
        super("schema", "Register a schema for a partner (a known name gets its next version)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser
                .addArgument("action")
                .choices("create")
                .help("what to do"); // before the config file, as in "partner create config.yml"
        super.configure(subparser);
        subparser.addArgument("--partner").required(true).help("the partner's id");
        // dest must differ from "file", the positional config file's
        subparser
                .addArgument("--file")
                .dest("schemaFile")
                .required(true)
                .help("schema JSON: {\"name\", \"fields\", \"validation_rules\"}");
    }

    @Override
    protected void run(
            Bootstrap<PipelineConfiguration> bootstrap,
            Namespace namespace,
            PipelineConfiguration configuration)
            throws Exception {
        Jdbi jdbi = Databases.connect(configuration.getDatabase());
        UUID partnerId = UUID.fromString(namespace.getString("partner"));
        if (jdbi.onDemand(PartnerDao.class).find(partnerId).isEmpty()) {
            throw new IllegalArgumentException("no partner with id " + partnerId);
        }
        JsonNode body =
                bootstrap.getObjectMapper().readTree(new File(namespace.getString("schemaFile")));
        StoredSchema schema =
                new SchemaRegistry(
                                jdbi.onDemand(SchemaDao.class),
                                bootstrap.getObjectMapper(),
                                configuration.getSchemas().toLimits())
                        .register(partnerId, body);
        System.out.println(
                "schema id: "
                        + schema.id()
                        + " ("
                        + schema.name()
                        + " version "
                        + schema.version()
                        + ")");
    }
}
