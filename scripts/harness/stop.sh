#!/usr/bin/env bash
# Stop code-server and everything it spawned (extension hosts, file watcher, ptys) via its process group.
# Only the group recorded in $VSCH_RUN/cs.pid is touched (never a broad name match).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/env.sh"
[ -f "$VSCH_RUN/cs.pid" ] || exit 0
pgid="$(cat "$VSCH_RUN/cs.pid")"
if [ -n "$pgid" ]; then
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
  echo "[stop] stopped process group $pgid"
fi
rm -f "$VSCH_RUN/cs.pid"
