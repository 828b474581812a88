#!/usr/bin/env bash
# The Python package's CI, run after the Rust tests: builds the wheel in a fresh virtual
# environment, installs it with the test dependencies, and runs the tests.
#
#   bash python/ci.sh            # from the repository root (or from anywhere)
#
# Needs python3 (3.9 or newer, with venv and pip), cargo, network access to PyPI, and
# ../shared beside the repository (the tests fail without it: CI=true unless set otherwise).
# Java 17 or newer for the Spark tests, which skip without it.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON_DIR=$(pwd)
REPO=$(cd .. && pwd)
export CARGO_TERM_COLOR=never
export CI="${CI:-true}"
start=$(date +%s)
step() { echo "== $(($(date +%s) - start)) s: $*"; }

VENV=$(mktemp -d "${TMPDIR:-/tmp}/dechaff-venv.XXXXXX")
trap 'rm -rf "$VENV"' EXIT
step "fresh virtual environment in $VENV"
python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check maturin==1.16.0

step "building the wheel"
rm -rf target/wheels
"$VENV/bin/maturin" build --release --locked --out target/wheels
wheel=$(ls target/wheels/dechaff-*-abi3-*.whl)

step "installing $(basename "$wheel") and the test dependencies"
"$PY" -m pip install --quiet --disable-pip-version-check "$wheel" \
    pytest==9.2.0 datatrove==0.10.1 orjson==3.13.0 \
    pyspark==4.3.0 "pandas==2.3.3" pyarrow==26.0.1
# Ray is optional: its tests skip when it is not installed.
"$PY" -m pip install --quiet --disable-pip-version-check "ray[data]==2.60.0" \
    || echo "ray could not be installed: its tests are skipped"

# The binary the tests compare against: the checkout's, as `cargo test` left it.
step "building the dechaff binary"
(cd "$REPO" && cargo build --locked --bin dechaff --quiet)
export DECHAFF_BIN="$REPO/target/debug/dechaff"

step "running the tests"
# From the tests' own directory, so that the installed wheel is what `import dechaff` finds.
cd "$PYTHON_DIR/tests"
"$PY" -c 'import dechaff, sys; print("dechaff", dechaff.__version__, "from", dechaff.__file__); sys.exit(not dechaff.__file__.startswith(sys.prefix))'
"$PY" -m pytest -q -rs -p no:cacheprovider .
step "done"
