#!/usr/bin/env bash
# Start code-server on 127.0.0.1:$VSCH_PORT in its own session/process group (pid in $VSCH_RUN/cs.pid).
# Usage: start.sh [workspace-folder]
#   VSCH_TEST_DRIVER=1 (run-integration.sh only): add the smoke-test driver option the test runner needs. It
#   also silences every notification toast, so a server for a person (`npm start`) runs without it.
#   Install extensions BEFORE this: a running server doesn't offer extensions installed later to new windows.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/env.sh"
vsch_clean_env   # a server started by `npm start` must not hand npm's config to its terminals and extension host
mkdir -p "$VSCH_RUN/ud/User" "$VSCH_RUN/ext" "$VSCH_RUN/xdg-config" "$VSCH_RUN/xdg-data" "$VSCH_RUN/tmp"
[ -f "$VSCH_RUN/ud/User/settings.json" ] || cp "$HERE/settings.json" "$VSCH_RUN/ud/User/settings.json"
if [ -f "$VSCH_RUN/cs.pid" ] && kill -0 "$(cat "$VSCH_RUN/cs.pid")" 2>/dev/null; then echo "[start] already running"; exit 1; fi
if curl -fs -o /dev/null "$VSCH_URL/healthz"; then echo "[start] port $VSCH_PORT already serves something: stop it or set VSCH_PORT"; exit 1; fi
rm -f "$VSCH_RUN/cs.pid"
driver=(); [ "${VSCH_TEST_DRIVER:-}" = 1 ] && driver=(--vscode-option enable-smoke-test-driver)
t0=$(date +%s%N)
# --vscode-option enable-smoke-test-driver (VSCH_TEST_DRIVER=1): makes the (built) web client honour the
#   extensionDevelopmentPath / extensionTestsPath entries of the `payload` URL parameter, which is how tests
#   are started; it also hides notifications, so only the test harness asks for it.
# --reconnection-grace-time 5: otherwise each closed browser tab keeps its extension host alive for 3 h.
# XDG_*: code-server otherwise writes ~/.config/code-server/config.yaml and ~/.local/share/code-server.
# EXTENSIONS_GALLERY={}: no marketplace.
XDG_CONFIG_HOME="$VSCH_RUN/xdg-config" XDG_DATA_HOME="$VSCH_RUN/xdg-data" XDG_CACHE_HOME="$VSCH_RUN/xdg-cache" TMPDIR="$VSCH_RUN/tmp" EXTENSIONS_GALLERY='{}' \
setsid bash -c 'echo $$ > "$0"; exec "$@"' "$VSCH_RUN/cs.pid" \
  "$NODE24" "$CODE_SERVER_JS" \
  --bind-addr "127.0.0.1:$VSCH_PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$VSCH_RUN/ud" --extensions-dir "$VSCH_RUN/ext" \
  --reconnection-grace-time 5 ${driver[@]+"${driver[@]}"} \
  ${1:+"$1"} > "$VSCH_RUN/code-server.log" 2>&1 < /dev/null &
for _ in $(seq 1 600); do
  if [ -s "$VSCH_RUN/cs.pid" ] && ! kill -0 "$(cat "$VSCH_RUN/cs.pid")" 2>/dev/null; then
    echo "[start] code-server exited:"; cat "$VSCH_RUN/code-server.log"; rm -f "$VSCH_RUN/cs.pid"; exit 1
  fi
  curl -fs -o /dev/null "$VSCH_URL/healthz" && { echo "[start] code-server pid $(cat "$VSCH_RUN/cs.pid") ready at $VSCH_URL in $(( ($(date +%s%N)-t0)/1000000 )) ms"; exit 0; }
  sleep 0.1
done
echo "[start] code-server did not come up"; cat "$VSCH_RUN/code-server.log"; exit 1
