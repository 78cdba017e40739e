# Admin key, demo tenant and the demo pipeline, all through the gateway's public REST API (curl + python3, no jq).

GATEWAY_URL="http://127.0.0.1:8080"
ADMIN_KEY_FILE="$STATE_DIR/admin.key"
DEMO_ENV="$STATE_DIR/demo.env"
LOCAL_ENV="$STATE_DIR/local.env"

ensure_admin_key() {
  if [[ ! -s $ADMIN_KEY_FILE ]]; then
    (umask 077 && printf 'lam_admin_%s\n' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$ADMIN_KEY_FILE")
  fi
  chmod 600 "$ADMIN_KEY_FILE"
  read -r ADMIN_KEY <"$ADMIN_KEY_FILE"
}

# Calls the gateway. Arguments: <method> <path> <bearer key> [json body]. Sets HTTP_STATUS and HTTP_BODY.
# The key goes through curl's config on stdin so it does not show in `ps`.
gateway() {
  local method=$1 path=$2 key=$3 body=${4:-} out
  out=$(mktemp)
  local -a args=(-s -o "$out" -w '%{http_code}' -X "$method" --max-time 90 --config -)
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  HTTP_STATUS=$(printf 'header = "Authorization: Bearer %s"\n' "$key" | curl "${args[@]}" "$GATEWAY_URL$path") ||
    HTTP_STATUS=000
  HTTP_BODY=$(cat "$out")
  rm -f "$out"
}

# Fails with the response shown unless the last call answered the expected status.
expect_status() { # <expected> <what>
  [[ $HTTP_STATUS == "$1" ]] && return 0
  printf '%s\n' "$HTTP_BODY" >&2
  die "$2: expected HTTP $1, got $HTTP_STATUS"
}

# Prints a field of the JSON in HTTP_BODY, by a dotted path (list indexes are numbers): json_field steps.0.status
json_field() {
  printf '%s' "$HTTP_BODY" | python3 -c '
import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    value = value[int(part)] if isinstance(value, list) else value.get(part)
    if value is None:
        sys.exit(1)
print(value if not isinstance(value, (dict, list)) else json.dumps(value))' "$1" ||
    die "no field $1 in the response: $HTTP_BODY"
}

json_pretty() { printf '%s' "$HTTP_BODY" | python3 -m json.tool 2>/dev/null || printf '%s\n' "$HTTP_BODY"; }

save_demo_env() {
  (umask 077 && cat >"$DEMO_ENV" <<EOF
DEMO_TENANT_ID=${DEMO_TENANT_ID:-}
DEMO_API_KEY=${DEMO_API_KEY:-}
DEMO_CREDITS_GRANTED=${DEMO_CREDITS_GRANTED:-0}
EOF
  )
}

# Creates the demo tenant, its key and a trial grant once; each step is recorded so an interrupted bootstrap resumes.
demo_bootstrap() {
  DEMO_TENANT_ID="" DEMO_API_KEY="" DEMO_CREDITS_GRANTED=0
  if [[ -f $DEMO_ENV ]]; then
    # shellcheck source=/dev/null
    source "$DEMO_ENV"
  fi
  if [[ -n $DEMO_API_KEY && $DEMO_CREDITS_GRANTED == 1 ]]; then
    gateway GET /v1/credits "$DEMO_API_KEY"
    if [[ $HTTP_STATUS == 200 ]]; then
      note "demo tenant $DEMO_TENANT_ID already set up"
      return 0
    fi
    [[ $HTTP_STATUS == 401 ]] || expect_status 200 "checking the demo key"
    warn "the saved demo key is rejected (was the database reset?): creating the demo tenant again"
    DEMO_TENANT_ID="" DEMO_API_KEY="" DEMO_CREDITS_GRANTED=0
  fi

  info "Bootstrapping the demo tenant"
  if [[ -z $DEMO_TENANT_ID ]]; then
    gateway POST /admin/tenants "$ADMIN_KEY" '{"name":"demo"}'
    expect_status 201 "creating the demo tenant"
    DEMO_TENANT_ID=$(json_field id)
    save_demo_env
    note "tenant $DEMO_TENANT_ID"
  fi
  if [[ -z $DEMO_API_KEY ]]; then
    gateway POST "/admin/tenants/$DEMO_TENANT_ID/keys" "$ADMIN_KEY" '{"name":"demo"}'
    expect_status 201 "creating the demo API key"
    DEMO_API_KEY=$(json_field key)
    save_demo_env
    note "API key $(json_field prefix)…"
  fi
  if [[ $DEMO_CREDITS_GRANTED != 1 ]]; then
    gateway POST "/admin/tenants/$DEMO_TENANT_ID/credits" "$ADMIN_KEY" '{"amount":1000,"source":"trial"}'
    expect_status 201 "granting the demo credits"
    DEMO_CREDITS_GRANTED=1
    save_demo_env
    note "granted 1000 trial credits"
  fi
}

write_local_env() {
  (umask 077 && cat >"$LOCAL_ENV" <<EOF
LAMINA_URL=$GATEWAY_URL
LAMINA_ADMIN_KEY=$ADMIN_KEY
LAMINA_API_KEY=$DEMO_API_KEY
LAMINA_INTERNAL_TOKEN=$INTERNAL_TOKEN
EOF
  )
}

# The demo pipeline: an uploaded CSV to Markdown, a sheet that quotes that step's output, and the sheet back to
# Markdown: three steps chained by {"$step": …} references.
DEMO_UPLOAD=$'Item,Amount\nPaper,12.50\nInk,30.00\n'

demo_job() { # <file id>
  cat <<EOF
{"steps":[
  {"id":"table","operation":"document_to_markdown","params":{"file":{"type":"file","file_id":"$1"}}},
  {"id":"report","operation":"sheet_generation","params":{"format":"csv","sheets":[{"name":"Report",
    "columns":[{"name":"Key"},{"name":"Value"}],
    "rows":[["Source",{"\$step":"table","path":"/name"}],["Type",{"\$step":"table","path":"/mime_type"}]]}]}},
  {"id":"summary","operation":"document_to_markdown","params":{"file":{"\$step":"report"}}}
]}
EOF
}

# Uploads a file, runs the demo pipeline synchronously, downloads the sheet it made and shows the credits.
demo_pipeline() {
  info "Uploading a CSV: POST /v1/files"
  local started upload file_id out tries=0
  upload=$(mktemp)
  out=$(mktemp)
  printf '%s' "$DEMO_UPLOAD" >"$upload"
  HTTP_STATUS=$(printf 'header = "Authorization: Bearer %s"\n' "$DEMO_API_KEY" |
    curl -s -o "$out" -w '%{http_code}' --max-time 30 --config - \
      -F "file=@$upload;filename=expenses.csv;type=text/csv" "$GATEWAY_URL/v1/files") || HTTP_STATUS=000
  HTTP_BODY=$(cat "$out")
  rm -f "$upload" "$out"
  expect_status 201 "uploading the demo file"
  file_id=$(json_field id)

  info "Running a demo pipeline: POST /v1/jobs?wait=60 (upload → Markdown → a sheet quoting it → Markdown of the sheet)"
  started=$(now_ms)
  gateway POST '/v1/jobs?wait=60' "$DEMO_API_KEY" "$(demo_job "$file_id")"
  json_pretty
  expect_status 200 "the demo job"
  [[ $(json_field status) == succeeded ]] || die "the demo job did not succeed"
  note "job $(json_field id) succeeded in $(elapsed_since "$started")"

  local summary
  summary=$(json_field steps.2.output.markdown)
  file_id=$(json_field steps.1.output.file_id)
  info "GET /v1/files/$file_id (the sheet)"
  gateway GET "/v1/files/$file_id" "$DEMO_API_KEY"
  expect_status 200 "downloading the demo output"
  printf '%s\n' "$HTTP_BODY"
  info "The last step's Markdown"
  printf '%s\n' "$summary"

  # billing-service releases what the job held right after it ends; give that event a moment to arrive.
  while :; do
    gateway GET /v1/credits "$DEMO_API_KEY"
    expect_status 200 "reading the credit balance"
    [[ $(json_field reserved) == 0 || $tries -ge 20 ]] && break
    tries=$((tries + 1))
    sleep 0.25
  done
  info "GET /v1/credits"
  json_pretty
}
