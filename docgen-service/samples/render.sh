#!/usr/bin/env bash
# Renders the sample documents (invoice.json, report.json) with docgen-service's own renderer and rasterizes every
# page to PNG with pdftoppm (poppler-utils). Builds the service first if it is not built.
#   docgen-service/samples/render.sh            → docgen-service/samples/{invoice,report}-<page>.png (+ .pdf, .docx)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
service=$(dirname "$here")
root=$(dirname "$service")
app=$service/target/quarkus-app
if [[ ! -d $app/app ]]; then
  (cd "$root" && mvn -B -o -q install -Dmaven.test.skip=true -pl libs/document-model,docgen-service)
fi
cp="$app/app/*:$app/lib/main/*:$app/lib/boot/*"
out=${1:-$here}
for name in invoice report; do
  java -cp "$cp" io.lamina.docgen.tools.DocgenCli render "$here/$name.json" "$out/$name.pdf" 2>/dev/null
  sed 's/"format": *"pdf"/"format": "docx"/' "$here/$name.json" > "$out/$name.docx.json"
  java -cp "$cp" io.lamina.docgen.tools.DocgenCli render "$out/$name.docx.json" "$out/$name.docx" 2>/dev/null
  rm -f "$out/$name.docx.json" "$out/$name"-*.png
  pdftoppm -png -r 60 "$out/$name.pdf" "$out/$name"
done
ls "$out"/*.png
