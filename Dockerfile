# One image for both roles of docker-compose.yml: the API (`server`) and the workers (`worker`).
#   docker build -t partner-pipeline .
# Needs BuildKit (the default builder since Docker 23; DOCKER_BUILDKIT=1 before that).
#
# The base images are build arguments, so copies in a private registry can stand in for Docker Hub's:
#   docker build --build-arg JRE_IMAGE=registry.example.com/eclipse-temurin:17-jre \
#                --build-arg MAVEN_IMAGE=registry.example.com/maven:3.9-eclipse-temurin-17 -t partner-pipeline .
# JARS=host takes the jars built on this machine (./mvnw package) instead of building them in the image, for a Docker
# that cannot reach Maven Central; BuildKit then never pulls the Maven image.
ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre
ARG JARS=build

# Build: the same Maven build as on a laptop, without the tests (CI runs those).
FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package \
    && mkdir /jars && cp pipeline-app/target/pipeline-app.jar pipeline-cli/target/pipeline.jar /jars/

# Or: the jars built on the host.
FROM scratch AS host
COPY pipeline-app/target/pipeline-app.jar pipeline-cli/target/pipeline.jar /jars/

FROM ${JARS} AS jars

# Run: a JRE, the two jars and config.yml, as an unprivileged user.
FROM ${JRE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin pipeline \
    && mkdir -p /data/uploads \
    && chown pipeline /data/uploads
WORKDIR /app
COPY --from=jars /jars/pipeline-app.jar /jars/pipeline.jar /app/
COPY config.yml /app/config.yml
USER pipeline
# Uploads go to a volume shared by the API and every worker; the heap follows the container's memory limit, and a JVM
# out of memory exits (and is restarted) instead of limping on: a job that keeps doing it is set aside (worker.maxAttempts).
ENV UPLOAD_DIR=/data/uploads \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# API, API admin (metrics, health checks), worker admin
EXPOSE 8080 8081 8082
CMD ["java", "-jar", "/app/pipeline-app.jar", "server", "/app/config.yml"]
