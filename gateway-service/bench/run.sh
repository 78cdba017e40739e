#!/usr/bin/env bash
# Jobs benchmark: N trivial 3-step pipelines through REST on the local platform (./lamina up), side by side with
# Kafka's own EndToEndLatency tool on the same broker (one produce → consume hop, the unit Lamina's path is made of).
# Usage: ./lamina bench gateway [jobs=1000] [clients=16]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JOBS=${1:-1000}
CLIENTS=${2:-16}
cd "$ROOT"

LAMINA_SKIP_DEMO=1 ./lamina up >/dev/null
# shellcheck disable=SC1091
source .lamina/local.env
KAFKA=127.0.0.1:39092

admin() { curl -fsS -H "Authorization: Bearer $LAMINA_ADMIN_KEY" -H 'Content-Type: application/json' "$@"; }
tenant=$(admin -d '{"name":"bench"}' "$LAMINA_URL/admin/tenants" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
key=$(admin -d '{"name":"bench"}' "$LAMINA_URL/admin/tenants/$tenant/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
admin -d "{\"amount\": $((JOBS * 10 + 1000)), \"source\": \"manual\"}" "$LAMINA_URL/admin/tenants/$tenant/credits" >/dev/null

echo "== baseline: Kafka EndToEndLatency, 2000 messages of 512 bytes, acks=all, on the same broker"
base=$(java -cp '.lamina/kafka/lib/*' org.apache.kafka.tools.EndToEndLatency "$KAFKA" lamina.bench.latency 2000 all 512 2>/dev/null |
  tee /dev/stderr | sed -n 's/.*Percentiles: 50th = \([0-9.]*\), 99th = \([0-9.]*\).*/\1 \2/p')
read -r kafka_p50 kafka_p99 <<<"$base"

echo "== lamina: $JOBS jobs of 3 chained sheet_generation steps, $CLIENTS concurrent clients, POST /v1/jobs?wait=60"
out=$(java gateway-service/bench/JobsBench.java "$LAMINA_URL" "$key" "$JOBS" "$CLIENTS")
echo "$out"
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
