#!/usr/bin/env bash
# Makes sure the programs the test suite needs beyond Python are installed:
# npm (for the page checkers from npm) and Java (for the Nu Html Checker).
# Installs Debian's packages when they are missing and we may (root with
# apt-get); otherwise says what to install.
set -euo pipefail

missing=()
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the page checkers"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]/default-jre-headless/Java}: install them" >&2
echo "(Debian/Ubuntu: 'sudo apt-get install ${missing[*]}'), then run 'make test' again." >&2
exit 1
