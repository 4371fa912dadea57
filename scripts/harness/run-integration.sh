#!/usr/bin/env bash
# `npm run test:integration`: the extension's integration suite in a REAL VS Code (code-server's Node 24
# extension host + headless Chromium). Installs the harness (cached in $VSCH_HOME, outside the clone),
# builds and packages the extension as a .vsix, installs it, starts code-server on a fixture workspace,
# runs the mocha suite (out/test/integration/suite/index.js) in the extension host with
# extensionDevelopmentPath = this repo, saves screenshots to out/screenshots/ (`npm run screenshots` copies the
# README's ones to docs/screenshots/), stops everything. The build is the development/test one (esbuild.mjs
# without --production): the suite reads the test probes it compiles in.
# Exit code = test result. Env: VSCH_HOME, VSCH_PORT, SHOT_DIR, VSCH_SKIP_BUILD=1, VSCH_EXT_ENV='{"K":"V"}'.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/env.sh" >/dev/null   # for VSCH_HOME (VSCH_PORT/VSCH_RUN are settled below)
mkdir -p "$VSCH_HOME"
# Concurrent runs (several clones, CI jobs, developers) each take a port AND its per-run state dir
# ($VSCH_HOME/run-<port>) under an exclusive lock held for the whole run, so they never share either.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
p="${VSCH_PORT:-38517}"
for _ in $(seq 1 50); do
  exec 8>"$VSCH_HOME/port-$p.lock"
  if flock -n 8 && ! port_busy "$p"; then break; fi
  exec 8>&-; p=$((p + 1))
done
export VSCH_PORT="$p" VSCH_RUN="$VSCH_HOME/run-$p"
source "$HERE/env.sh"
SHOT_DIR="${SHOT_DIR:-$ROOT/out/screenshots}"
WS_SRC="$ROOT/test/fixtures/integration"
lap() { echo "[integration] $(date +%T) +${SECONDS}s $*"; }
SECONDS=0

( flock 9; bash "$HERE/install.sh" ) 9>"$VSCH_HOME/install.lock" 8>&-   # concurrent runs share one install
lap "harness installed in $VSCH_HOME"

cd "$ROOT"
# A production build left in dist/ (npm run package, npm start) has no test probes: rebuild then, skip or not.
if [ "${VSCH_SKIP_BUILD:-}" != 1 ] || ! grep -q 'scalingLaws._test.panelState' dist/extension.js 2>/dev/null; then node esbuild.mjs; fi
[ -f out/test/integration/suite/index.js ] || { echo "[integration] out/test/integration/suite/index.js missing: build failed?"; exit 1; }

# Fresh per-run state (the cache of installed tools stays).
bash "$HERE/stop.sh" >/dev/null 2>&1 || true
rm -rf "$VSCH_RUN" && mkdir -p "$VSCH_RUN/ud/User" "$VSCH_RUN/tmp" "$SHOT_DIR"
export TMPDIR="$VSCH_RUN/tmp"      # Chromium profiles, Node compile cache: keep them out of /tmp
cp "$HERE/settings.json" "$VSCH_RUN/ud/User/settings.json"

# Package the test build (.vscodeignore applies, as for `npm run package`) and install it before the server starts.
VSIX="$VSCH_RUN/scaling-laws.vsix"
"$ROOT/node_modules/.bin/vsce" package --no-dependencies --skip-license --no-rewrite-relative-links -o "$VSIX" 2>&1 | grep -v '^ *$' | tail -3
lap "packaged: $(du -k "$VSIX" | cut -f1) KiB ($(stat -c %s "$VSIX") bytes) $VSIX"
XDG_CONFIG_HOME="$VSCH_RUN/xdg-config" XDG_DATA_HOME="$VSCH_RUN/xdg-data" XDG_CACHE_HOME="$VSCH_RUN/xdg-cache" "$NODE24" "$CODE_SERVER_JS" \
  --user-data-dir "$VSCH_RUN/ud" --extensions-dir "$VSCH_RUN/ext" --install-extension "$VSIX" | tail -1

# The workspace is a copy of the fixtures, so exports made by the tests never touch the clone.
WS_DIR="$VSCH_RUN/workspace"; cp -r "$WS_SRC" "$WS_DIR"
trap 'bash "$HERE/stop.sh" >/dev/null; cp "$VSCH_RUN/code-server.log" "$VSCH_RUN/../last-code-server.log" 2>/dev/null || true' EXIT
VSCH_TEST_DRIVER=1 bash "$HERE/start.sh" "$WS_DIR" 8>&-   # the server must not inherit (and outlive us holding) the port lock
lap "code-server started on $VSCH_URL"

# 1) The mocha suite inside the real extension host (development path = this repo).
rc=0
SHOT_DIR="$SHOT_DIR" FINAL_SCREENSHOT="$VSCH_RUN/after-tests.png" VSCH_EXT_ENV="${VSCH_EXT_ENV:-"{}"}" \
  NODE_PATH="$TOOLS_NODE_PATH" node "$HERE/run-tests.js" "$ROOT" "$ROOT/out/test/integration/suite/index.js" "$WS_DIR" || rc=$?
lap "suite finished rc=$rc"

# 2) Like a person, with the installed .vsix: Command Palette -> planner -> painted.
NODE_PATH="$TOOLS_NODE_PATH" node "$HERE/webview-shot.js" "Scaling Laws: Open Compute-Optimal Planner" "Compute-optimal planner" \
  "$VSCH_RUN/palette-planner.png" "$WS_DIR" || { echo "[integration] palette check failed"; [ "$rc" -ne 0 ] || rc=1; }

# 3) The web extension (vscode.dev / github.dev): the same workbench runs an extension that has only a
#    `browser` entry in its Web Worker extension host. The development path is a copy of the manifest without
#    `main` beside links to the built bundles; the suite is test/web (a browser bundle). VSCH_SKIP_WEB=1 skips it.
if [ "${VSCH_SKIP_WEB:-}" != 1 ]; then
  WEB_EXT="$VSCH_RUN/web-ext"; mkdir -p "$WEB_EXT"
  node -e 'const m = require(process.argv[1]); delete m.main; require("fs").writeFileSync(process.argv[2], JSON.stringify(m, null, 2))' \
    "$ROOT/package.json" "$WEB_EXT/package.json"
  for d in dist schemas media; do ln -sfn "$ROOT/$d" "$WEB_EXT/$d"; done
  WS_WEB="$VSCH_RUN/workspace-web"; cp -r "$WS_SRC" "$WS_WEB"
  web_rc=0
  NODE_PATH="$TOOLS_NODE_PATH" node "$HERE/run-tests.js" "$WEB_EXT" "$ROOT/out/test/web/index.js" "$WS_WEB" || web_rc=$?
  lap "web suite finished rc=$web_rc"
  [ "$web_rc" -eq 0 ] || [ "$rc" -ne 0 ] || rc=$web_rc
fi
lap "done rc=$rc (screenshots in $SHOT_DIR)"
exit $rc
