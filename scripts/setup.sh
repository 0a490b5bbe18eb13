#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine (or a developer's): the system packages Baton builds and
# tests with, then the npm dependencies. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# libsecret-1-dev: keytar builds against it; gnome-keyring + dbus: a real keychain for the secret tests;
# libsecret-tools: `secret-tool`, which the tests use to look into the keychain as an admin would;
# chromium: the end-to-end suite drives Debian's Chromium (no browser is ever downloaded).
packages=(libsecret-1-dev libsecret-tools gnome-keyring dbus dbus-x11 chromium)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Electron's binary is fetched on first use from its release host, which some machines cannot reach; the
# browser host (`npm run start:web`) works without it.
npm ci --no-audit --no-fund
