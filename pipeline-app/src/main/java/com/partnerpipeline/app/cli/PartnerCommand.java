package com.partnerpipeline.app.cli;

import com.partnerpipeline.app.PipelineConfiguration;
import com.partnerpipeline.app.db.Databases;
import com.partnerpipeline.app.db.PartnerDao;
import com.partnerpipeline.app.domain.ApiKeys;
import io.dropwizard.core.setup.Bootstrap;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code partner create config.yml --name NAME [--webhook-url URL]}: prints the partner's id and
 * API key, once.
 */
public final class PartnerCommand extends OperatorCommand {
    public PartnerCommand() {
        super("partner", "Create a partner and print its API key (shown only this once)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser
                .addArgument("action")
                .choices("create")
                .help("what to do"); // before the config file, as in "partner create config.yml"
        super.configure(subparser);
        subparser.addArgument("--name").required(true).help("the partner's name");
        subparser
                .addArgument("--webhook-url")
                .dest("webhookUrl")
                .help("where to notify the partner (optional)");
    }

    @Override
    protected void run(
            Bootstrap<PipelineConfiguration> bootstrap,
            Namespace namespace,
            PipelineConfiguration configuration) {
        UUID id = UUID.randomUUID();
        String apiKey = ApiKeys.generate();
        Databases.connect(configuration.getDatabase())
                .onDemand(PartnerDao.class)
                .insert(
                        id,
                        namespace.getString("name"),
                        ApiKeys.hash(apiKey),
                        namespace.getString("webhookUrl"));
        System.out.println("partner id: " + id);
        System.out.println("api key:    " + apiKey);
        System.out.println("Keep the key now: only its hash is stored, it cannot be shown again.");
    }
}
