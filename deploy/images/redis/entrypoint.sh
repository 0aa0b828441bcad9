#!/bin/sh
# Like the official image: /data belongs to redis, and the command runs as redis.
set -eu
if [ "$(id -u)" = 0 ]; then
    chown -R redis:redis /data
    exec runuser -u redis -- "$@"
fi
exec "$@"
