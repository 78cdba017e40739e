#!/usr/bin/env bash
# Jobs benchmark: N trivial 3-step pipelines through REST on the local platform (./lamina up), side by side with
# Kafka's own EndToEndLatency tool on the same broker (one produce → consume hop, the unit Lamina's path is made of).
# Usage: ./lamina bench gateway [jobs=1000] [clients=16] [tenants=4]
# Jobs are spread over <tenants> tenants: each tenant runs at most lamina.jobs.max-in-flight-per-tenant steps of an
# operation at once (8 by default), so one tenant alone is capped by design.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JOBS=${1:-1000}
CLIENTS=${2:-16}
TENANTS=${3:-4}
cd "$ROOT"

LAMINA_SKIP_DEMO=1 ./lamina up >/dev/null
# shellcheck disable=SC1091
source .lamina/local.env
KAFKA=127.0.0.1:39092

admin() { curl -fsS -H "Authorization: Bearer $LAMINA_ADMIN_KEY" -H 'Content-Type: application/json' "$@"; }
keys=""
for t in $(seq 1 "$TENANTS"); do
  tenant=$(admin -d "{\"name\":\"bench-$t\"}" "$LAMINA_URL/admin/tenants" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  key=$(admin -d '{"name":"bench"}' "$LAMINA_URL/admin/tenants/$tenant/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  admin -d "{\"amount\": $((JOBS * 10 + 1000)), \"source\": \"manual\"}" "$LAMINA_URL/admin/tenants/$tenant/credits" >/dev/null
  keys=${keys:+$keys,}$key
done

echo "== baseline: Kafka EndToEndLatency, 2000 messages of 512 bytes, acks=all, on the same broker"
base=$(java -cp '.lamina/kafka/lib/*' org.apache.kafka.tools.EndToEndLatency "$KAFKA" lamina.bench.latency 2000 all 512 2>/dev/null |
  tee /dev/stderr | sed -n 's/.*Percentiles: 50th = \([0-9.]*\), 99th = \([0-9.]*\).*/\1 \2/p')
read -r kafka_p50 kafka_p99 <<<"$base"

echo "== lamina: $JOBS jobs of 3 chained sheet_generation steps, $CLIENTS concurrent clients over $TENANTS tenants, POST /v1/jobs?wait=60 (after 1,000 warm-up jobs)"
# CPU seconds (user + system, a process and its children: PostgreSQL's backends) of each component, before and after.
cpu_snapshot() {
  local f pid
  for f in .lamina/run/*.pid; do
    pid=$(cat "$f" 2>/dev/null) || continue
    [[ -d /proc/$pid ]] || continue
    echo "$(basename "$f" .pid) $( (echo "$pid"; pgrep -P "$pid") | while read -r p; do
      awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null; done | awk '{ s += $1 } END { print s }')"
  done
}
java gateway-service/bench/JobsBench.java "$LAMINA_URL" "$keys" 0 "$CLIENTS" 1000 # warm-up (C2), outside the CPU window
before=$(cpu_snapshot)
out=$(java gateway-service/bench/JobsBench.java "$LAMINA_URL" "$keys" "$JOBS" "$CLIENTS" 0)
after=$(cpu_snapshot)
echo "$out"
echo "== CPU seconds per job by component (the jobs/s two cores could sustain is 2 / total)"
python3 - "$JOBS" "$(getconf CLK_TCK)" "$before" "$after" <<'PY'
import sys
jobs, tck = int(sys.argv[1]), int(sys.argv[2])
parse = lambda s: {l.split()[0]: float(l.split()[1]) for l in s.splitlines() if len(l.split()) == 2}
b, a = parse(sys.argv[3]), parse(sys.argv[4])
total = 0.0
for name in sorted(a):
    ms = (a[name] - b.get(name, 0.0)) / tck / jobs * 1000
    total += ms
    print(f"  {name:<20} {ms:7.2f} ms")
print(f"  {'total':<20} {total:7.2f} ms  -> at most {2000 / total:.0f} jobs/s on 2 cores" if total else "  no CPU figures")
PY
added_p50=$(sed -n 's/.*lamina.added_ms.p50=\([0-9]*\).*/\1/p' <<<"$out")
added_p99=$(sed -n 's/.*lamina.added_ms.p99=\([0-9]*\).*/\1/p' <<<"$out")
# Per job, the critical path is 8 Kafka hops: job.submitted → billing, credits.reserved → gateway, then for each of
# the 3 steps a command → operation and a result → gateway.
python3 - "$added_p50" "$added_p99" "$kafka_p50" "$kafka_p99" <<'PY'
import sys
a50, a99, k50, k99 = map(float, sys.argv[1:])
hops = 8
print(f"ratio: lamina added p50 {a50:.0f} ms vs {hops} Kafka hops p50 {hops*k50:.0f} ms = {a50/(hops*k50):.2f}x;"
      f" p99 {a99:.0f} ms vs {hops*k99:.0f} ms = {a99/(hops*k99):.2f}x")
PY
echo "== lamina, uncontended: 200 jobs, 1 client (the added latency of one job on an otherwise idle platform)"
java gateway-service/bench/JobsBench.java "$LAMINA_URL" "${keys%%,*}" 200 1 50
echo "(the platform stays up: ./lamina down stops it)"
