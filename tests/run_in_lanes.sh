#!/usr/bin/env bash
# `make test`'s pytest, in three lanes side by side: the browser tests (one JupyterLab and one
# headless Chromium at a time), the other slow tests (notebooks, servers, killed processes) and
# the unit tests. The first two mostly wait for a kernel or a page, so on two cores the three
# together take little longer than the longest. Each lane's report is printed whole, the unit
# tests' as they run and the other two's once they end; the status is 0 only when all passed.
set -uo pipefail
python=${1:?usage: tests/run_in_lanes.sh PYTHON}
reports=$(mktemp -d)
"$python" -m pytest -p no:cacheprovider -m browser >"$reports/browser" 2>&1 &
browser=$!
"$python" -m pytest -p no:cacheprovider -m "slow and not browser" >"$reports/slow" 2>&1 &
slow=$!
"$python" -m pytest -m "not slow and not browser"
unit_status=$?
wait "$slow"
slow_status=$?
wait "$browser"
browser_status=$?
for lane in slow browser; do
    echo "---- the $lane tests, run beside the others ----"
    cat "$reports/$lane"
done
rm -rf "$reports"
exit $((unit_status || slow_status || browser_status))
