#!/usr/bin/env bash
# `npm start`: open a real VS Code on examples/ with this extension.
#   - Desktop VS Code (`code` on PATH): a window with --extensionDevelopmentPath=<repo> (live dist/).
#   - Otherwise: code-server (installed into $VSCH_HOME by install.sh) with the production .vsix installed
#     (what `npm run package` makes); prints the URL to open in a browser and serves until Ctrl-C. It runs
#     without the smoke-test driver option the test harness uses, so notifications show as usual.
# Env: VSCH_PORT (default 38600), VSCH_HOME, START_FOLDER (default examples/), VSCH_FORCE_SERVER=1.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
FOLDER="$(cd "${START_FOLDER:-$ROOT/examples}" && pwd)"
cd "$ROOT"

if command -v code >/dev/null 2>&1 && [ -z "${VSCH_FORCE_SERVER:-}" ]; then
  node esbuild.mjs   # development build: source maps for the debugger
  echo "[start] desktop VS Code: code --extensionDevelopmentPath=$ROOT $FOLDER"
  exec code --new-window --extensionDevelopmentPath="$ROOT" "$FOLDER"
fi

export VSCH_PORT="${VSCH_PORT:-38600}"
source "$HERE/env.sh"
export VSCH_RUN="$VSCH_HOME/start-$VSCH_PORT"   # kept between starts: settings and layout persist
mkdir -p "$VSCH_HOME"
( flock 9; bash "$HERE/install.sh" ) 9>"$VSCH_HOME/install.lock"
bash "$HERE/stop.sh" >/dev/null 2>&1 || true
mkdir -p "$VSCH_RUN/ud/User" "$VSCH_RUN/tmp"
[ -f "$VSCH_RUN/ud/User/settings.json" ] || cp "$HERE/settings.json" "$VSCH_RUN/ud/User/settings.json"
VSIX="$VSCH_RUN/scaling-laws.vsix"
node esbuild.mjs --production
"$ROOT/node_modules/.bin/vsce" package --no-dependencies --skip-license --no-rewrite-relative-links -o "$VSIX" >/dev/null
XDG_CONFIG_HOME="$VSCH_RUN/xdg-config" XDG_DATA_HOME="$VSCH_RUN/xdg-data" XDG_CACHE_HOME="$VSCH_RUN/xdg-cache" "$NODE24" "$CODE_SERVER_JS" \
  --user-data-dir "$VSCH_RUN/ud" --extensions-dir "$VSCH_RUN/ext" --install-extension "$VSIX" --force >/dev/null
trap 'bash "$HERE/stop.sh"' EXIT INT TERM
bash "$HERE/start.sh" "$FOLDER"
echo
echo "  Scaling Laws in VS Code (code-server): $VSCH_URL/?folder=$FOLDER"
echo "  Right-click a .csv → Fit Scaling Law; F1 → Scaling Laws: Open Compute-Optimal Planner. Ctrl-C stops."
echo
pid="$(cat "$VSCH_RUN/cs.pid")"
while kill -0 "$pid" 2>/dev/null; do sleep 1; done
