#!/usr/bin/env bash
# Installs what the UI's browser tests drive: Debian's headless Chromium and its ChromeDriver.
# A no-op when both are there; EIDER_BROWSER=off skips it (the browser tests then say they were skipped).
set -euo pipefail
log() { echo "[browser] $*" >&2; }
if [ "${EIDER_BROWSER:-on}" = off ]; then
  log "EIDER_BROWSER=off: not installing chromium"
  exit 0
fi
missing=""
command -v chromium >/dev/null || missing="$missing chromium"
command -v chromedriver >/dev/null || missing="$missing chromium-driver"
if [ -n "$missing" ]; then
  log "installing Debian packages:$missing"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
