#!/usr/bin/env bash
# Builds the benchmarks (tests skipped) and runs one of them from the checkout's root.
#   bench/run.sh evtx-jmh [JMH options]          JMH: Vigil's EVTX parser, records/s and bytes/s
#   bench/run.sh evtx-vs-evtxexport [dir [repetitions [warm-up seconds]]]
#                                                Vigil vs libevtx's evtxexport, same files, one run
#   bench/run.sh sigma-jmh [JMH options]         JMH: Sigma matching events/s over rules/, indexed and naive
#   bench/run.sh sigma-heap [rule folder]        retained heap of the compiled rule set
#   bench/run.sh ingest [events [batch size [senders [distinct binaries, 0: every event its own]]]]
#                                                durable ingest over HTTP, embedded mode, events/s
#   bench/run.sh latency [events/s [seconds]]   event-to-alert latency at a sustained ingest rate, embedded mode
#   bench/run.sh store-write [sqlite|postgresql [events [batch [small|full]]]]
#                                                TelemetryStore.write events/s
#   bench/run.sh enrich [sqlite|postgresql [events [batch [hosts [unique share]]]]]
#                                                the pipeline's enrich stage (assets, prevalence) events/s
# See docs/performance.md for what each measures and the figures recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
what="${1:-}"
shift || true
if [ "$what" = ingest ]; then
  # The whole server in process on loopback (server test sources); prints one INGEST line.
  ./mvnw -q -pl server -am test -Dtest=IngestThroughputBench#measure -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvigil.test.bench-events="${1:-400000}" -Dvigil.test.bench-batch="${2:-2000}" \
    -Dvigil.test.bench-senders="${3:-4}" -Dvigil.test.bench-binaries="${4:-0}" | grep -E "^(INGEST|STORE|CPU|WRITTEN)" || true
  exit 0
fi
if [ "$what" = latency ]; then
  # The whole server in process on loopback with the SigmaHQ rules; prints LATENCY and CPU lines.
  ./mvnw -q -pl server -am test -Dtest=DetectionLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvigil.test.bench-rate="${1:-5000}" -Dvigil.test.bench-seconds="${2:-60}" | grep -E "^(LATENCY|CPU)" || true
  exit 0
fi
if [ "$what" = store-write ]; then
  ./mvnw -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/server/target/test.classpath"
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dvigil.test.shared-dir=../shared \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/test.classpath)" \
    io.vigil.server.store.StoreWriteBench "${1:-sqlite}" "${2:-300000}" "${3:-5000}" "${4:-small}"
fi
if [ "$what" = enrich ]; then
  ./mvnw -q -pl server -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/server/target/test.classpath"
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/test.classpath)" \
    io.vigil.server.asset.EnrichBench "${1:-sqlite}" "${2:-200000}" "${3:-2000}" "${4:-500}" "${5:-0.3}"
fi
./mvnw -q -pl bench -am package -DskipTests
cp="bench/target/classes:$(cat bench/target/bench.classpath)"
case "$what" in
  evtx-jmh) exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.vigil.bench.evtx.EvtxParseBenchmark' "$@" ;;
  evtx-vs-evtxexport) exec "$JAVA_HOME/bin/java" -cp "$cp" io.vigil.bench.evtx.EvtxSideBySide "$@" ;;
  sigma-jmh) exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io.vigil.bench.sigma.SigmaMatchBenchmark' "$@" ;;
  sigma-heap) exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" io.vigil.bench.sigma.SigmaHeap "$@" ;;
  *) echo "usage: bench/run.sh evtx-jmh [JMH options] | evtx-vs-evtxexport [dir [repetitions [warm-up seconds]]]" \
          "| sigma-jmh [JMH options] | sigma-heap [rule folder] | ingest [events [batch [senders [binaries]]]]" \
          "| latency [events/s [seconds]] | store-write [sqlite|postgresql [events [batch [small|full]]]] | enrich [sqlite|postgresql [events [batch [hosts [unique]]]]]" >&2; exit 2 ;;
esac
