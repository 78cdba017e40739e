#!/usr/bin/env bash
# Runs a single-node KRaft broker in the foreground: formats its storage first when it is new, then execs Kafka (so
# the pid stays the same). Started in the background by the launcher; formatting here overlaps PostgreSQL's start.
# Usage: run-broker.sh <lib dir> <server.properties>
set -euo pipefail
lib=$1
props=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data=$(sed -n 's/^log\.dirs=//p' "$props")
[[ -n $data ]] || { echo "no log.dirs in $props" >&2; exit 1; }
logging=(-Dlog4j2.configurationFile="$here/log4j2.properties")

if [[ ! -f $data/meta.properties ]]; then
  # Kafka cluster ids are 16 random bytes in base64url without padding; Kafka avoids ids starting with '-'.
  cluster_id=$(python3 -c '
import base64, uuid
while True:
    s = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break')
  echo "Formatting $data (cluster id $cluster_id)"
  # No --standalone: controller.quorum.voters already names the single voter.
  java -Xmx256m "${logging[@]}" -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted
fi
exec java -Xmx512m "${logging[@]}" -cp "$lib/*" kafka.Kafka "$props"
