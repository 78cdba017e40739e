#!/usr/bin/env bash
# Invoice PDF: Lamina's docgen-service renderer (iText, in-process, warm JVM, one thread) vs Chromium headless
# --print-to-pdf of an equivalent HTML invoice (bench/invoice.html), both on this machine, side by side.
#   ./lamina bench docgen [seconds=20] [chromium runs=10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
service=$(dirname "$here")
root=$(dirname "$service")
seconds=${1:-20}
runs=${2:-10}
app=$service/target/quarkus-app
if [[ ! -d $app/app ]]; then
  (cd "$root" && mvn -B -o -q package -Dmaven.test.skip=true -pl libs/document-model,docgen-service -am)
fi
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Lamina (docgen-service renderer, samples/invoice.json, ${seconds}s after warm-up)"
lamina=$(java -Xmx256m -cp "$app/app/*:$app/lib/main/*:$app/lib/boot/*" io.lamina.docgen.tools.DocgenCli \
  bench "$service/samples/invoice.json" "$seconds" 2>/dev/null | tail -1)
echo "$lamina"
l_p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$lamina")
l_rate=$(sed -E 's/.*docs_per_s=([0-9.]+).*/\1/' <<<"$lamina")

echo "== Chromium $(chromium --version 2>/dev/null | awk '{print $2}') headless --print-to-pdf (bench/invoice.html, $runs runs, one process per document)"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run
       --no-default-browser-check --disable-extensions --disable-dev-shm-usage --no-pdf-header-footer
       --user-data-dir="$work/profile")
chromium "${flags[@]}" --print-to-pdf="$work/warm.pdf" "file://$here/invoice.html" >/dev/null 2>&1
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  chromium "${flags[@]}" --print-to-pdf="$work/out.pdf" "file://$here/invoice.html" >/dev/null 2>&1
  end=$(date +%s%N)
  [[ -s $work/out.pdf ]] || { echo "chromium wrote no PDF" >&2; exit 1; }
  times+=($(( (end - start) / 1000 )))
done
c_p50=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
c_rate=$(printf '%s\n' "${times[@]}" | awk '{s+=$1} END {printf "%.2f", NR/(s/1e6)}')
echo "documents=$runs docs_per_s=$c_rate p50_ms=$c_p50"

echo "== side by side"
printf '%-34s %12s %12s\n' "" "p50 ms" "documents/s"
printf '%-34s %12s %12s\n' "Lamina docgen (iText)" "$l_p50" "$l_rate"
printf '%-34s %12s %12s\n' "Chromium --print-to-pdf" "$c_p50" "$c_rate"
awk -v l="$l_p50" -v c="$c_p50" -v lr="$l_rate" -v cr="$c_rate" \
  'BEGIN {printf "ratio: Lamina is %.0fx faster per document (p50), %.0fx more documents/s\n", c/l, lr/cr}'
