#!/usr/bin/env bash
# Builds the server (first run only, or when sources changed) and starts it.
# Embedded H2 under ./data by default; set SPRING_R2DBC_URL etc. for PostgreSQL. Arguments pass through
# (e.g. --demo, --server.port=9090). JAVA_OPTS replaces the default JVM options: a 20 ms pause goal for G1, so that
# a garbage collection does not hold live updates back for long (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls server/target/waymark-server-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find server/src web/src device-client/src pom.xml server/pom.xml -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "== building the server (first run takes a few minutes)"
  ./mvnw -B -q -ntp -pl server -am package -DskipTests -Dspotless.check.skip -Dcheckstyle.skip
  jar=$(ls server/target/waymark-server-*.jar | grep -v original | head -n 1)
fi
exec java ${JAVA_OPTS:--XX:MaxGCPauseMillis=20} -jar "$jar" "$@"
