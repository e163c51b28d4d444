#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine, only what is missing:
#   - Debian packages: chromium (headless browser tests), a Java runtime (Nu HTML Checker),
#     nodejs + npm (browser test scripts), fonts-noto-cjk (Chinese text as readers see it),
#     hugo (the benchmark's comparison, bench/tests/targets.rs);
#   - npm packages in tests/browser/ from the committed package-lock.json (npm ci):
#     vnu-jar (ships vnu.jar), axe-core, playwright-core (drives /usr/bin/chromium; it never
#     downloads a browser).
# Idempotent and quiet when everything is present. Must run as root (or with sudo available).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
browser_dir="$here/browser"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# `java -version` exits non-zero (or java is absent) when no usable runtime is installed.
java -version >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
# The fonts readers have: without a CJK font Chromium draws every Chinese character as a box,
# so print widths and PDFs made in the tests would measure nothing real.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk fontconfig)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when node_modules is missing or older than the lock file.
stamp="$browser_dir/node_modules/.jixiao-installed"
if [ ! -f "$stamp" ] || [ "$browser_dir/package-lock.json" -nt "$stamp" ] \
   || [ ! -f "$browser_dir/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || [ ! -f "$browser_dir/node_modules/axe-core/axe.min.js" ] \
   || [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "install-deps: installing npm packages in tests/browser (npm ci)"
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; Debian's is used.
  (cd "$browser_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$stamp"
fi

# Fail loudly here rather than in the middle of a test.
chromium --version >/dev/null 2>&1 || { echo "install-deps: chromium does not start" >&2; exit 1; }
java -version >/dev/null 2>&1 || { echo "install-deps: java does not run" >&2; exit 1; }
node --version >/dev/null
hugo version >/dev/null 2>&1 || { echo "install-deps: hugo does not run" >&2; exit 1; }
fc-list :lang=zh | grep -q . || { echo "install-deps: no CJK font (fonts-noto-cjk) is installed" >&2; exit 1; }

# Python tools the tests call: check-jsonschema validates the release workflow offline against
# the GitHub workflow schema it vendors.
if ! command -v check-jsonschema >/dev/null 2>&1; then
  echo "install-deps: installing check-jsonschema (pip)"
  python3 -m pip install --quiet --disable-pip-version-check "check-jsonschema==0.39.0"
fi
check-jsonschema --version >/dev/null 2>&1 || { echo "install-deps: check-jsonschema does not run" >&2; exit 1; }
# frictionless validates the published data packages as reusers of the open data do.
if ! python3 -c "import frictionless" >/dev/null 2>&1; then
  echo "install-deps: installing frictionless (pip)"
  python3 -m pip install --quiet --disable-pip-version-check "frictionless==5.21.0"
fi
python3 -c "import frictionless" || { echo "install-deps: the Python package frictionless does not import" >&2; exit 1; }
