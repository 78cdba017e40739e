#!/usr/bin/env bash
# image-service benchmark: Lamina's image_transformation code path against libvips and ImageMagick, side by side.
#   1. a 6000×4000 JPEG → 800 px wide JPEG       Lamina vs vipsthumbnail
#   2. a 5-operation chain on the same JPEG       Lamina vs ImageMagick convert
# Each figure is the median of RUNS runs. Lamina runs warm in one JVM, as a running image-service does (decode with
# shrink-on-load, operations, encode); the baselines run one process per image, as they are used (their start-up is
# a few milliseconds). Peak RSS is /usr/bin/time's maximum resident set of the whole process (the JVM's included).
# Usage: image-service/bench/run.sh   (or ./lamina bench image)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/image-service/target/bench"
RUNS=${RUNS:-9}
WARMUP=${WARMUP:-5}
# The JVM options and malloc setting image-service runs with in deploy (the launcher and the Helm chart use the
# same line): see image-service/README.md#memory.
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(cat "$root/image-service/jvm.options")}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
IM=/usr/bin/convert            # the real ImageMagick (a stand-in named convert may come first on PATH)
mkdir -p "$work"

for tool in vipsthumbnail "$IM" /usr/bin/time java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see image-service/bench/packages.txt)" >&2; exit 1; }
done

echo "building Lamina's classes (offline) ..."
(cd "$root" && mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
  -pl libs/image-model,image-service >/dev/null)
cp="$root/image-service/target/classes:$root/image-service/target/test-classes:$root/libs/image-model/target/classes:$(cat "$work/cp.txt")"

photo="$work/photo-6000x4000.jpg"
if [[ ! -f $photo ]]; then
  echo "making the 6000×4000 test photo ..."
  "$IM" -size 1500x1000 -seed 7 plasma:fractal -resize '6000x4000!' -attenuate 0.3 +noise Gaussian \
    -quality 90 "$photo"
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command RUNS times: prints "median_ms peak_rss_kb".
external() {
  local times=() rss=0
  for ((i = 0; i < RUNS; i++)); do
    local t0 t1 r
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss.txt" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
    r=$(tail -1 "$work/rss.txt")
    ((r > rss)) && rss=$r
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | median)
  echo "$(awk -v u="$med" 'BEGIN {printf "%.1f", u / 1000}') $rss"
}

# Runs Lamina's chain in one JVM: prints "median_ms peak_rss_kb".
lamina() {
  local ops=$1 out=$2 line
  line=$(/usr/bin/time -f %M -o "$work/rss.txt" java $JAVA_OPTS -cp "$cp" io.lamina.image.bench.ImageBench \
    "$photo" "$out" "$ops" "$WARMUP" "$RUNS")
  echo "$(echo "$line" | cut -d' ' -f1) $(tail -1 "$work/rss.txt")"
}

report() {
  local name=$1 lam=$2 base=$3 base_name=$4
  read -r lt lr <<<"$lam"
  read -r bt br <<<"$base"
  printf '%-34s %-14s %10s ms %8s MiB\n' "$name" "Lamina" "$lt" "$((lr / 1024))"
  printf '%-34s %-14s %10s ms %8s MiB\n' "" "$base_name" "$bt" "$((br / 1024))"
  printf '%-34s %-14s %10s   %8s\n' "" "ratio" "$(awk -v a="$lt" -v b="$bt" 'BEGIN {printf "%.2fx", a / b}')" \
    "$(awk -v a="$lr" -v b="$br" 'BEGIN {printf "%.2fx", a / b}')"
}

THUMB='[{"type":"resize","width_in_px":800,"height_in_px":800,"fit":"inside"},{"type":"convert","format":"jpeg","quality":80}]'
CHAIN='[{"type":"resize","width_in_px":1200,"height_in_px":1200,"fit":"inside"},{"type":"rotate","angle_in_degrees":90},{"type":"blur","sigma":1},{"type":"modulate","brightness":1.1,"saturation":0.8},{"type":"sharpen","sigma":1},{"type":"convert","format":"jpeg","quality":80}]'

echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "runs: $RUNS (Lamina after $WARMUP warm-up runs; JVM options: $JAVA_OPTS; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX); $(nproc) cores"
printf '%-34s %-14s %13s %12s\n' "benchmark" "tool" "median" "peak RSS"
report "6000x4000 JPEG -> 800 px" \
  "$(lamina "$THUMB" "$work/thumb-lamina.jpg")" \
  "$(external vipsthumbnail "$photo" -s 800 -o "$work/thumb-vips.jpg[Q=80]")" "vipsthumbnail"
report "5-op chain (resize 1200, rotate 90," \
  "$(lamina "$CHAIN" "$work/chain-lamina.jpg")" \
  "$(external "$IM" "$photo" -resize 1200x1200 -rotate 90 -gaussian-blur 0x1 -modulate 110,80 -unsharp 0x1 \
      -quality 80 "$work/chain-im.jpg")" "ImageMagick"
echo "  (chain: blur 1, modulate 1.1/0.8, sharpen 1, jpeg q80)"
identify_size() { "$IM" "$1" -format '%wx%h' info: 2>/dev/null || true; }
echo "outputs: lamina thumb $(identify_size "$work/thumb-lamina.jpg"), vips thumb $(identify_size "$work/thumb-vips.jpg"), lamina chain $(identify_size "$work/chain-lamina.jpg"), IM chain $(identify_size "$work/chain-im.jpg")"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
