#!/usr/bin/env bash
# Renders the sample documents (invoice.json, report.json) with docgen-service's own renderer and rasterizes every
# page to PNG with pdftoppm (poppler-utils). Builds the service first if it is not built.
#   docgen-service/samples/render.sh [dir]   → {invoice,report}-<page>.png in samples/, the .pdf and .docx in [dir]
#                                              (default: a temporary folder, removed afterwards)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
service=$(dirname "$here")
root=$(dirname "$service")
app=$service/target/quarkus-app
if [[ ! -d $app/app ]]; then
  (cd "$root" && mvn -B -o -q package -Dmaven.test.skip=true -pl libs/document-model,docgen-service -am)
fi
cp="$app/app/*:$app/lib/main/*:$app/lib/boot/*"
out=${1:-}
if [[ -z $out ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
for name in invoice report; do
  java -cp "$cp" io.lamina.docgen.tools.DocgenCli render "$here/$name.json" "$out/$name.pdf" 2>/dev/null
  sed 's/"format": *"pdf"/"format": "docx"/' "$here/$name.json" > "$out/$name.docx.json"
  java -cp "$cp" io.lamina.docgen.tools.DocgenCli render "$out/$name.docx.json" "$out/$name.docx" 2>/dev/null
  rm -f "$out/$name.docx.json" "$here/$name"-*.png
  pdftoppm -png -r 60 "$out/$name.pdf" "$here/$name"
done
ls "$here"/*.png
