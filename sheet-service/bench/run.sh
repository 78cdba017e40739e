#!/usr/bin/env bash
# sheet-service benchmark: 1,000,000 rows × 10 columns to XLSX through Lamina's SXSSF writer in a 256 MB heap, side by
# side with plain POI XSSF (the usual in-memory API) writing 100,000 rows of the same cells. Prints both lines and the
# throughput ratio. Needs the built service: mvn -B -o -q install -Dmaven.test.skip=true -pl libs/sheet-model,sheet-service
set -euo pipefail
cd "$(dirname "$0")/.."
LAMINA_ROWS="${LAMINA_ROWS:-1000000}"
XSSF_ROWS="${XSSF_ROWS:-100000}"
XSSF_HEAP="${XSSF_HEAP:-3g}"
if [[ ! -d target/quarkus-app/lib/main ]]; then
  echo "build sheet-service first (target/quarkus-app is missing)" >&2
  exit 1
fi
CP="target/classes:target/quarkus-app/lib/main/*"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" -cp "$CP" bench/SheetBench.java
JAVA="java -XX:+UseSerialGC -cp $WORK:$CP"
echo "# Lamina (SXSSF, -Xmx256m): $LAMINA_ROWS rows x 10 columns"
lamina=$($JAVA -Xmx256m SheetBench lamina "$LAMINA_ROWS" 2>/dev/null)
echo "$lamina"
echo "# baseline: plain POI XSSF (-Xmx$XSSF_HEAP): $XSSF_ROWS rows x 10 columns"
xssf=$($JAVA -Xmx"$XSSF_HEAP" SheetBench xssf "$XSSF_ROWS" 2>/dev/null)
echo "$xssf"
rate() { sed -E 's/.*rows_per_cpu_s=([0-9]+).*/\1/' <<<"$1"; }
heap() { sed -E 's/.*peak_heap_mb=([0-9.]+).*/\1/' <<<"$1"; }
awk -v l="$(rate "$lamina")" -v x="$(rate "$xssf")" -v lh="$(heap "$lamina")" -v xh="$(heap "$xssf")" \
  'BEGIN { printf "ratio: Lamina %.2fx the rows per CPU second of XSSF, with %.2fx its peak heap\n", l / x, lh / xh }'
