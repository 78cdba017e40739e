#!/usr/bin/env bash
# Extraction benchmarks, Lamina and the baseline side by side in one run:
#   1. text layer of a 200+ page PDF: Lamina's DocumentReaders (words with positions + Markdown) vs `pdftotext`
#   2. OCR of the same 300 dpi pages: Lamina's Tess4J engine vs the `tesseract` CLI, both with OMP_THREAD_LIMIT=1
# Wall time and CPU time are both printed: on a shared, loaded machine wall time mostly measures the queue for the
# cores, CPU time (user+sys of the process) the work done.
# Usage: extraction-service/bench/run.sh [pdf] [runs] [ocr-pages]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SVC=$(dirname "$HERE")
PDF=${1:-/usr/share/doc/texlive-doc/latex/babel/babel.pdf}
RUNS=${2:-5}
OCR_PAGES=${3:-4}
export OMP_THREAD_LIMIT=1
for tool in pdftotext pdfinfo pdftoppm tesseract java bc; do
  command -v $tool >/dev/null || { echo "missing $tool (see bench/packages.txt)"; exit 1; }
done
APP=$SVC/target/quarkus-app
if [[ ! -d $APP/lib/main ]]; then
  (cd "$SVC/.." && mvn -B -o -q -pl extraction-service package -Dmaven.test.skip=true)
fi
CP="$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*"
# Lamina runs with the JVM options the launcher starts extraction-service with (jvm.options: full JIT, serial GC).
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-$(cat "$SVC/jvm.options")}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PAGES=$(pdfinfo "$PDF" | awk '/^Pages/{print $2}')
CORES=$(getconf _NPROCESSORS_ONLN)
echo "PDF: $PDF ($PAGES pages), $RUNS timed runs each (median), $CORES cores, load average $(cut -d' ' -f1 /proc/loadavg), OMP_THREAD_LIMIT=1"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed <cmd...>: prints "wall cpu" seconds of the command (cpu = user+sys of it and its children)
timed() {
  local s e c0 c1 me=$BASHPID
  c0=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
  c1=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  echo "$(echo "$e - $s" | bc -l) $(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)"
}

# 1. text layer
pdftotext "$PDF" /dev/null   # warm the page cache
for ((i = 0; i < RUNS; i++)); do timed pdftotext "$PDF" "$WORK/out.txt"; done > "$WORK/pdftotext"
BW=$(cut -d' ' -f1 "$WORK/pdftotext" | median)
BC=$(cut -d' ' -f2 "$WORK/pdftotext" | median)
L1=$(java "${JAVA_OPTS[@]}" -cp "$CP" "$HERE/Bench.java" text "$PDF" "$RUNS" 1 | grep LAMINA_TEXT)
LN=$(java "${JAVA_OPTS[@]}" -cp "$CP" "$HERE/Bench.java" text "$PDF" "$RUNS" "$CORES" | grep LAMINA_TEXT)
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
echo
echo "== Text layer, $PAGES pages (lower is better; target Lamina/pdftotext <= 1.0)"
printf "%-46s %8s %8s %10s %10s\n" "" "wall s" "cpu s" "wall ratio" "cpu ratio"
printf "%-46s %8.3f %8.3f\n" "pdftotext (poppler 22, plain text)" "$BW" "$BC"
printf "%-46s %8.3f %8.3f %9.2fx %9.2fx\n" "Lamina, 1 thread (words+boxes+markdown)" "$(field median_s "$L1")" \
  "$(field cpu_s "$L1")" "$(echo "$(field median_s "$L1") / $BW" | bc -l)" "$(echo "$(field cpu_s "$L1") / $BC" | bc -l)"
printf "%-46s %8.3f %8.3f %9.2fx %9.2fx\n" "Lamina, $CORES threads (page ranges)" "$(field median_s "$LN")" \
  "$(field cpu_s "$LN")" "$(echo "$(field median_s "$LN") / $BW" | bc -l)" "$(echo "$(field cpu_s "$LN") / $BC" | bc -l)"
echo "(Lamina: median of $RUNS reads after $(field warmup "$L1") warm-up reads, as a running service reads; a fresh JVM's" \
  "first read took $(field cold_s "$L1") s on 1 thread, $(field cold_s "$LN") s on $CORES; JVM options: ${JAVA_OPTS[*]})"

# 2. OCR on the same pages rendered at 300 dpi (grey PNG)
pdftoppm -r 300 -gray -png -f 1 -l "$OCR_PAGES" "$PDF" "$WORK/page"
IMGS=("$WORK"/page*.png)
tesseract "${IMGS[0]}" - >/dev/null 2>&1   # warm-up
ocr_all() { for img in "${IMGS[@]}"; do tesseract "$img" - >/dev/null 2>&1; done; }
read -r OW OC < <(timed ocr_all)
LO=$(java "${JAVA_OPTS[@]}" -cp "$CP" "$HERE/Bench.java" ocr "${IMGS[@]}" | grep LAMINA_OCR)
N=${#IMGS[@]}
echo
echo "== OCR, $N pages at 300 dpi, one engine, OMP_THREAD_LIMIT=1 (higher is better; target Lamina/CLI >= 0.95)"
printf "%-46s %12s %12s %10s %10s\n" "" "pages/s" "pages/cpu-s" "wall ratio" "cpu ratio"
printf "%-46s %12.3f %12.3f\n" "tesseract CLI 5.3 (psm 3, one process a page)" "$(echo "$N / $OW" | bc -l)" "$(echo "$N / $OC" | bc -l)"
printf "%-46s %12.3f %12.3f %9.2fx %9.2fx\n" "Lamina (Tess4J 5.11, pooled engine, word boxes)" \
  "$(field pages_per_s "$LO")" "$(field pages_per_cpu_s "$LO")" \
  "$(echo "$(field pages_per_s "$LO") / ($N / $OW)" | bc -l)" "$(echo "$(field pages_per_cpu_s "$LO") / ($N / $OC)" | bc -l)"
