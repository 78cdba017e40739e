#!/usr/bin/env bash
# sheet-service benchmark, side by side in one command:
#  1. Lamina, the operation (RUNS=3 JVMs, the median run counts): SheetGenerationOperation.run (validation + SXSSF writer + blob store) on a 1,000,000 x 10
#     request whose rows are made as they are read, in a 256 MB heap;
#  2. Lamina, the whole request: the params JSON read into a Jackson tree as StepWorker reads it, then the same
#     operation (REQUEST_ROWS rows, 256 MB heap: the tree is held for the whole step);
#  3. the baseline, plain POI XSSF (the usual in-memory API) writing XSSF_ROWS rows of the same cells.
# Each JVM runs one small untimed request first (a service's JVM is warm). Prints the lines and the ratios.
# Needs the built service: mvn -B -o -q package -Dmaven.test.skip=true -pl libs/sheet-model,sheet-service -am
set -euo pipefail
cd "$(dirname "$0")/.."
LAMINA_ROWS="${LAMINA_ROWS:-1000000}"
REQUEST_ROWS="${REQUEST_ROWS:-100000}"
XSSF_ROWS="${XSSF_ROWS:-100000}"
XSSF_HEAP="${XSSF_HEAP:-3g}"
LEVEL="${LEVEL:-1}"
if [[ ! -d target/quarkus-app/lib/main ]]; then
  echo "build sheet-service first (target/quarkus-app is missing)" >&2
  exit 1
fi
CP="target/classes:../libs/sheet-model/target/classes:target/quarkus-app/lib/main/*"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -nowarn -d "$WORK" -cp "$CP" bench/SheetBench.java 2>/dev/null
# Lamina runs with the JVM options the launcher gives sheet-service (jvm.options: full JIT, serial GC, 256 MB heap).
LAMINA_OPTS="${BENCH_JAVA_OPTS:-$(cat jvm.options)}"
JAVA="java -Dbench.level=$LEVEL -cp $WORK:$CP"
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); deflate level $LEVEL"
echo "# JVM options of Lamina (sheet-service/jvm.options): $LAMINA_OPTS"
echo "# Lamina operation (SXSSF): $LAMINA_ROWS rows x 10 columns"
# RUNS separate JVMs (default 3); the run with the median wall-clock rate is the figure.
runs=()
for ((i = 0; i < ${RUNS:-3}; i++)); do
  runs+=("$($JAVA $LAMINA_OPTS SheetBench operation "$LAMINA_ROWS" 2>/dev/null)")
  echo "  run $((i + 1)): ${runs[-1]}"
done
lamina=$(printf '%s\n' "${runs[@]}" | sed -E 's/.*rows_per_s=([0-9]+).*/\1 &/' | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}' | cut -d' ' -f2-)
echo "median: $lamina"
echo "# Lamina whole request (JSON -> tree -> operation): $REQUEST_ROWS rows x 10 columns"
request=$($JAVA $LAMINA_OPTS SheetBench request "$REQUEST_ROWS" 2>/dev/null)
echo "$request"
echo "# baseline: plain POI XSSF (-Xmx$XSSF_HEAP): $XSSF_ROWS rows x 10 columns"
xssf=$($JAVA -XX:+UseSerialGC -Xmx"$XSSF_HEAP" SheetBench xssf "$XSSF_ROWS" 2>/dev/null)
echo "$xssf"
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
awk -v l="$(field rows_per_cpu_s "$lamina")" -v r="$(field rows_per_cpu_s "$request")" -v x="$(field rows_per_cpu_s "$xssf")" \
    -v lw="$(field rows_per_s "$lamina")" -v xw="$(field rows_per_s "$xssf")" \
    -v lh="$(field peak_heap_mb "$lamina")" -v xh="$(field peak_heap_mb "$xssf")" \
  'BEGIN { printf "ratio: Lamina operation %.2fx the rows per CPU second of XSSF (%.2fx wall-clock), with %.2fx its peak heap; whole request %.2fx\n", l / x, lw / xw, lh / xh, r / x }'
