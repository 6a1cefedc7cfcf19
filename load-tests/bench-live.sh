#!/usr/bin/env bash
# Builds the load-tests module and runs the live latency benchmark (ping to dashboard) against a running Waymark server.
#
#   load-tests/bench-live.sh [LiveLatencyBenchmark options]     (see --help, or load-tests/README.md)
#
# Environment: JAVA_OPTS (default -Xmx3g -XX:MaxGCPauseMillis=20: the generator's own pauses delay every device and
# dashboard at once and are measured as the server's), SKIP_BUILD=1 to reuse what is built.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  (cd "$root" && ./mvnw -B -q -pl load-tests -am package -DskipTests)
fi

jar=$(ls "$here"/target/waymark-load-tests-*.jar 2>/dev/null | head -n 1 || true)
classpath_file="$here/target/runtime-classpath.txt"
if [[ -z "$jar" || ! -f "$classpath_file" ]]; then
  echo "load-tests is not built: run without SKIP_BUILD=1" >&2
  exit 2
fi

main=io.waymark.load.LiveLatencyBenchmark

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx3g -XX:MaxGCPauseMillis=20} -cp "$jar:$(cat "$classpath_file")" "$main" "$@"
