# syntax=docker/dockerfile:1
# One image for both roles of docker-compose.yml: the API (`server`) and the workers (`worker`).
#   docker build -t partner-pipeline .

# Build: the same Maven build as on a laptop, without the tests (CI runs those).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# Run: a JRE, the two jars and config.yml, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin pipeline \
    && mkdir -p /data/uploads \
    && chown pipeline /data/uploads
WORKDIR /app
COPY --from=build /src/pipeline-app/target/pipeline-app.jar /src/pipeline-cli/target/pipeline.jar /app/
COPY config.yml /app/config.yml
USER pipeline
# Uploads go to a volume shared by the API and every worker; the heap follows the container's memory limit, and a JVM
# out of memory exits (and is restarted) instead of limping on: a job that keeps doing it is set aside (worker.maxAttempts).
ENV UPLOAD_DIR=/data/uploads \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# API, API admin (metrics, health checks), worker admin
EXPOSE 8080 8081 8082
CMD ["java", "-jar", "/app/pipeline-app.jar", "server", "/app/config.yml"]
