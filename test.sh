#!/usr/bin/env bash
# Runs every test in the solution: unit, real-model, Azurite integration, browser and offline infrastructure checks.
# Needs ../shared beside the repository (or SHARED_DIR) for the model and test images, Node's packages (npm ci),
# and Debian's chromium for the browser test. Starts Azurite when nothing listens on 10000 and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

started_azurite=0
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  tools/azurite.sh start
  started_azurite=1
fi
cleanup() { if [ "$started_azurite" = 1 ]; then tools/azurite.sh stop; fi; }
trap cleanup EXIT

log="$(mktemp)"
status=0
dotnet test Serverless.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects' "Passed!/Failed!" lines.
awk '/^(Passed|Failed)! +- Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
if [ "$status" != 0 ]; then
  # The line above sums only projects that ran: one that did not build, or whose test host crashed, adds nothing.
  echo "dotnet test exited with $status: a project did not build or a test run did not finish; see above" >&2
fi
exit "$status"
