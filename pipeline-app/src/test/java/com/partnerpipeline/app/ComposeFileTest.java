package com.partnerpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the Dockerfile, .env.example and config.yml agree, checked in a second
 * without Docker (deploy/compose-test.sh runs them for real): config.yml is read as a container
 * reads it, with the environment that Compose gives it from the values of .env.example, and every
 * address, port, volume and variable is compared with the Compose file.
 */
class ComposeFileTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

    private static Map<String, String> dotEnv;
    private static Map<String, Object> services;
    private static String dockerfile;
    private static String configText;

    @BeforeAll
    static void read() throws IOException {
        dotEnv = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("../.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                dotEnv.put(
                        line.substring(0, line.indexOf('=')),
                        line.substring(line.indexOf('=') + 1));
            }
        }
        String compose = Files.readString(Path.of("../docker-compose.yml"));
        Map<String, Object> file =
                new Yaml().load(interpolate(compose)); // SnakeYAML resolves the <<: merge keys
        services = map(file.get("services"));
        dockerfile = Files.readString(Path.of("../Dockerfile"));
        configText = Files.readString(Path.of("../config.yml"));
    }

    @Test
    void fourServicesEachWithAHealthCheck() {
        assertThat(services.keySet())
                .containsExactlyInAnyOrder("app", "worker", "postgres", "redis");
        assertThat(service("postgres").get("image")).isEqualTo("postgres:16");
        assertThat(service("redis").get("image")).isEqualTo("redis:7");
        assertThat(service("app").get("image"))
                .as("one image, both roles")
                .isEqualTo(service("worker").get("image"));
        services.keySet()
                .forEach(
                        name ->
                                assertThat(map(service(name).get("healthcheck")).get("test"))
                                        .as(name)
                                        .isNotNull());
    }

    @Test
    void theAppAndWorkersStartOnlyOnHealthyServicesAndWorkersAfterTheMigration() {
        assertThat(dependsOn("app"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("postgres", "service_healthy", "redis", "service_healthy"));
        assertThat(dependsOn("worker"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "postgres",
                                "service_healthy",
                                "redis",
                                "service_healthy",
                                "app",
                                "service_healthy"));
        assertThat(command("app"))
                .matches(
                        "java -jar /app/pipeline-app.jar db migrate /app/config.yml && "
                                + "exec java -jar /app/pipeline-app.jar server /app/config.yml");
        assertThat(command("worker"))
                .isEqualTo("java -jar /app/pipeline-app.jar worker /app/config.yml");
    }

    @Test
    void theConfigAsTheContainersReadItPointsAtTheComposeServices() throws Exception {
        for (String role : List.of("app", "worker")) {
            PipelineConfiguration config = configSeenBy(role);
            Map<String, Object> postgres = environment("postgres");
            assertThat(config.getDatabase().getUrl())
                    .as(role)
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(config.getDatabase().getUser()).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(config.getDatabase().getPassword())
                    .isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(config.getRedis().getAddress()).isEqualTo("redis://redis:6379");
            assertThat(config.getRedis().getPassword())
                    .isEqualTo(environment("redis").get("REDIS_PASSWORD"));
            assertThat(volumes(role))
                    .as("uploads shared where config.yml puts them")
                    .containsEntry("uploads", config.getUploads().getDirectory());
        }
        assertThat(command("redis"))
                .contains("--appendonly yes", "--requirepass \"$REDIS_PASSWORD\"");
        assertThat(volumes("postgres")).containsEntry("postgres-data", "/var/lib/postgresql/data");
        assertThat(volumes("redis")).containsEntry("redis-data", "/data");
    }

    @Test
    void portsAndHealthChecksAreTheOnesTheConfigListensOn() throws Exception {
        PipelineConfiguration app = configSeenBy("app");
        DefaultServerFactory server = (DefaultServerFactory) app.getServerFactory();
        int apiPort = ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort();
        int adminPort = ((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort();

        assertThat(list(service("app").get("ports")))
                .containsExactly(
                        dotEnv.get("PIPELINE_PORT") + ":" + apiPort,
                        "127.0.0.1:" + dotEnv.get("PIPELINE_ADMIN_PORT") + ":" + adminPort);
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost())
                .as(
                        "Docker forwards a published port to the container's own address, not its loopback")
                .isEqualTo("0.0.0.0");
        assertThat(healthCheck("app")).contains("http://localhost:" + apiPort + "/api/health");
        PipelineConfiguration worker = configSeenBy("worker");
        assertThat(worker.getWorker().getAdminHost())
                .as("the health check runs inside the container")
                .isEqualTo("127.0.0.1");
        assertThat(healthCheck("worker"))
                .contains("http://127.0.0.1:" + worker.getWorker().getAdminPort() + "/healthcheck");
        assertThat(service("worker"))
                .as("workers scale: no fixed host ports")
                .doesNotContainKey("ports");
    }

    @Test
    void adminTasksAreOffUnlessTheEnvFileGivesATokenAndThenItReachesTheApi() throws Exception {
        assertThat(dotEnv).containsEntry("PIPELINE_ADMIN_TOKEN", "");
        assertThat(configSeenBy("app").getAdminAccess().getTaskToken()).isNull();
        dotEnv.put("PIPELINE_ADMIN_TOKEN", "an-operator-token-of-some-length");
        try {
            services =
                    map(
                            new Yaml()
                                    .<Map<String, Object>>load(
                                            interpolate(
                                                    Files.readString(
                                                            Path.of("../docker-compose.yml"))))
                                    .get("services"));
            assertThat(configSeenBy("app").getAdminAccess().getTaskToken())
                    .isEqualTo("an-operator-token-of-some-length");
        } finally {
            read();
        }
    }

    @Test
    void everyVariableIsReadByTheConfigAndDocumentedInTheEnvExample() throws IOException {
        Set<String> configReads = variables(configText);
        for (String role : List.of("app", "worker")) {
            assertThat(configReads)
                    .as("a variable %s sets but config.yml never reads is a typo", role)
                    .containsAll(environment(role).keySet());
        }
        Set<String> composeReads = variables(Files.readString(Path.of("../docker-compose.yml")));
        assertThat(dotEnv.keySet())
                .filteredOn(name -> !name.startsWith("COMPOSE_")) // read by Compose itself
                .containsExactlyInAnyOrderElementsOf(composeReads);
    }

    @Test
    void theImageIsBuiltInStagesAndRunsAsAnUnprivilegedUserWithTheUploadsDirectoryItsOwn() {
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count())
                .isGreaterThanOrEqualTo(2);
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile)
                .contains(
                        "COPY config.yml /app/config.yml",
                        "COPY --from=jars /jars/pipeline-app.jar /jars/pipeline.jar /app/",
                        "mkdir -p /data/uploads",
                        "chown " + user.group(1) + " /data/uploads",
                        "ENV UPLOAD_DIR=/data/uploads");
    }

    /**
     * Compose 1.29 (Debian's docker-compose) refuses a top-level name; both versions take
     * COMPOSE_PROJECT_NAME.
     */
    @Test
    void theFileParsesForComposeV1AndEveryBaseImageIsAVariableDefaultingToTheOfficialOne()
            throws IOException {
        Map<String, Object> raw =
                new Yaml().load(Files.readString(Path.of("../docker-compose.yml")));
        assertThat(raw).doesNotContainKeys("name", "version");
        assertThat(raw.keySet())
                .allMatch(
                        key ->
                                key.startsWith("x-")
                                        || List.of("services", "volumes").contains(key));
        String compose = Files.readString(Path.of("../docker-compose.yml"));
        assertThat(compose)
                .contains(
                        "image: ${POSTGRES_IMAGE:-postgres:16}",
                        "image: ${REDIS_IMAGE:-redis:7}",
                        "JRE_IMAGE: ${JRE_IMAGE:-eclipse-temurin:17-jre}",
                        "MAVEN_IMAGE: ${MAVEN_IMAGE:-maven:3.9-eclipse-temurin-17}");
        assertThat(dockerfile)
                .contains(
                        "ARG JRE_IMAGE=eclipse-temurin:17-jre",
                        "ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17",
                        "FROM ${JRE_IMAGE}",
                        "FROM ${MAVEN_IMAGE} AS build")
                .doesNotContain("# syntax="); // a frontend pulled from Docker Hub at build time
        assertThat(dotEnv)
                .containsEntry("POSTGRES_IMAGE", "postgres:16")
                .containsEntry("REDIS_IMAGE", "redis:7")
                .containsEntry("JRE_IMAGE", "eclipse-temurin:17-jre")
                .containsEntry("COMPOSE_PROJECT_NAME", "partner-pipeline");
    }

    @Test
    void everyJvmOfTheImageExitsWhenItRunsOutOfMemory() {
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(options.find()).isTrue();
        assertThat(options.group(1).split(" ")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    private static PipelineConfiguration configSeenBy(String role) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment(role).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        var factory =
                new YamlConfigurationFactory<>(
                        PipelineConfiguration.class,
                        Validators.newValidator(),
                        Jackson.newObjectMapper(),
                        "dw");
        return factory.build(
                new SubstitutingSourceProvider(
                        new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
                "../config.yml");
    }

    /** Compose's own interpolation, with .env.example as the .env file. */
    private static String interpolate(String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String value = dotEnv.get(variable.group(1));
            if (value == null) {
                assertThat(variable.group(2))
                        .as("%s has no value in .env.example and no default", variable.group(1))
                        .contains("-");
                value = variable.group(3);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        variable.appendTail(result);
        return result.toString().replace("$$", "$");
    }

    private static Set<String> variables(String text) {
        Set<String> names = new TreeSet<>();
        VARIABLE.matcher(text).results().forEach(match -> names.add(match.group(1)));
        return names;
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private static Map<String, Object> environment(String service) {
        return map(service(service).get("environment"));
    }

    private static Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new HashMap<>();
        map(service(service).get("depends_on"))
                .forEach((name, spec) -> conditions.put(name, (String) map(spec).get("condition")));
        return conditions;
    }

    /** Named volumes: volume name to mount point. */
    private static Map<String, String> volumes(String service) {
        Map<String, String> mounts = new HashMap<>();
        for (Object volume : list(service(service).get("volumes"))) {
            String[] parts = ((String) volume).split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    private static String command(String service) {
        List<Object> command = list(service(service).get("command"));
        return command.get(0).equals("sh")
                ? (String) command.get(2)
                : String.join(" ", command.stream().map(String::valueOf).toList());
    }

    private static String healthCheck(String service) {
        return String.join(
                " ",
                list(map(service(service).get("healthcheck")).get("test")).stream()
                        .map(String::valueOf)
                        .toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }
}
