#!/usr/bin/env bash
# `npm run screenshots`: refresh the README's pictures. The integration suite takes every screenshot into
# out/screenshots/ (a build folder: `npm test` never touches tracked files); this runs the suite and then
# copies the pictures the README shows (each docs/screenshots/*.png it links) into docs/screenshots/.
# A picture the README links but no test took fails the command. Env: as run-integration.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
export SHOT_DIR="$ROOT/out/screenshots"
rm -rf "$SHOT_DIR"
bash "$HERE/run-integration.sh"
missing=0
for rel in $(grep -o 'docs/screenshots/[A-Za-z0-9_.-]*\.png' "$ROOT/README.md" | sort -u); do
  name="$(basename "$rel")"
  if [ -f "$SHOT_DIR/$name" ]; then cp "$SHOT_DIR/$name" "$ROOT/$rel"; echo "[screenshots] $rel"
  else echo "[screenshots] README links $rel but no test took $name"; missing=1; fi
done
exit $missing
