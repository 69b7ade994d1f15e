#!/usr/bin/env bash
# Installs the Debian 12 packages Dirigent needs to build, test and run.
# Idempotent: packages already present are left alone, and when nothing is missing
# the script prints one line and installs nothing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build python3
  # Qt 6.4 with the modules and tools the build uses
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libgl-dev libxkbcommon-dev
  # a virtual X server for GUI tests
  xvfb xauth
  # the locale sources, so the tests can generate de_DE.UTF-8 (localedef) as a German desktop has it
  locales
  # C++ test and benchmark libraries
  libgtest-dev libgmock-dev libbenchmark-dev
  # the database server for the Qt SQL tests, and the client libraries that db/ links
  # (sqlite3_interrupt, PQcancel)
  postgresql libsqlite3-dev libpq-dev
  # the real Python libraries of the live lessons (lessons/http/live_*.py, lessons/database/live_*.py)
  python3-aiohttp python3-httpx python3-asyncpg python3-aiosqlite python3-sqlalchemy python3-greenlet
  # nghttpx, the cleartext HTTP/2 front of `dirigent live http --http2`
  nghttp2-proxy
  # packaging (packaging/, tests/packaging/): the icon's PNG sizes, the man page, the checks
  # of the desktop entry and the AppStream metadata, and `file`, which CPack's .deb generator
  # runs to find the binaries for dpkg-shlibdeps (dpkg-dev comes with build-essential)
  librsvg2-bin help2man desktop-file-utils appstream file
)

# One dpkg-query for all: it prints a line for each package dpkg knows (and complains
# on stderr about the others, which count as missing too).
declare -A installed=()
while read -r name status; do
  [[ $status == installed ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for package in "${packages[@]}"; do
  [[ -n ${installed[$package]:-} ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run this script as root (or install sudo) to install them" >&2
  exit 1
fi

apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)

echo "setup: installing ${missing[*]}"
# Refresh the package lists first only when there are none; otherwise try the lists at
# hand and refresh them only if the install fails (a stale list names old versions).
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  "${apt[@]}" update
fi
if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; then
  echo "setup: install failed; refreshing the package lists and trying again"
  "${apt[@]}" update
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
fi
echo "setup: done"
