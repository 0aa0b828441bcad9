# Shared by the service benchmarks (sourced): the jar, a data file, and a fresh database with a partner and the
# sample schema. Expects DATABASE_URL and the other settings of config.yml to be exported by the caller.
APP=pipeline-app/target/pipeline-app.jar
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
[ -f "$APP" ] || ./mvnw -q -B package -DskipTests

# data_file RECORDS: sets FILE to a CSV of RECORDS customer records, 2% invalid, generated once.
data_file() {
    mkdir -p bench/data
    FILE=bench/data/customers-$1.csv
    [ -f "$FILE" ] || java bench/GenerateData.java csv "$1" 0.02 "$FILE"
}

# fresh_database NAME LOG_DIR: creates and migrates it; sets PARTNER_ID, KEY and SCHEMA_ID.
fresh_database() {
    $PSQL -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
    java -jar "$APP" db migrate config.yml > "$2/migrate.log" 2>&1
    local partner
    partner=$(java -jar "$APP" partner create config.yml --name Bench 2>/dev/null)
    PARTNER_ID=$(echo "$partner" | awk '/partner id/ {print $3}')
    KEY=$(echo "$partner" | awk '/api key/ {print $3}')
    SCHEMA_ID=$(java -jar "$APP" schema create config.yml --partner "$PARTNER_ID" --file sample-data/customers.schema.json 2>/dev/null | awk '{print $3}')
}
