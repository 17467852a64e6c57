#!/usr/bin/env bash
# Finds the Chromium the browser tests drive, installing Debian's package when
# it is missing and we may (root with apt-get). Prints the browser's path.
set -euo pipefail

find_chromium() {
  if [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM}" ]]; then echo "$CHROMIUM"; return 0; fi
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if find_chromium >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  find_chromium >/dev/null && exit 0
fi
echo "The browser tests need Chromium. Install it (Debian/Ubuntu: 'sudo apt-get install chromium')" >&2
echo "or set CHROMIUM=/path/to/chromium, then run 'make test' again." >&2
exit 1
