#!/usr/bin/env bash
# Waits until a deployed classifier's /api/health answers 200 (the model is loaded; it answers 503
# while warming up). With a required execution provider, a 200 that reports another provider fails at
# once: a GPU app whose CUDA provider did not load falls back to the CPU and must not pass as healthy.
#
# Usage: wait-for-health.sh <base-url> [timeout-seconds] [required-execution-provider]
#   SMOKE_POLL_SECONDS  seconds between polls (default 10)
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <base-url> [timeout-seconds] [required-execution-provider]" >&2
  exit 2
fi

base_url="${1%/}"
timeout_seconds="${2:-900}"
required_provider="${3:-}"
poll_seconds="${SMOKE_POLL_SECONDS:-10}"
body_file=$(mktemp)
trap 'rm -f "$body_file"' EXIT

# Scale-from-zero on the GPU plan pulls a large image and initialises CUDA: allow minutes, not seconds.
deadline=$((SECONDS + timeout_seconds))
while true; do
  status=$(curl -s -o "$body_file" -w '%{http_code}' --max-time 30 "$base_url/api/health" || true)
  if [ "$status" = "200" ]; then
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "::error::$base_url/api/health answered ${status:-nothing} and never 200 within ${timeout_seconds}s" >&2
    exit 1
  fi
  echo "health: ${status:-no answer}, retrying in ${poll_seconds}s"
  sleep "$poll_seconds"
done

provider=$(python3 -c '
import json, sys
try:
    print(json.load(open(sys.argv[1])).get("executionProvider") or "")
except (ValueError, AttributeError):
    print("")
' "$body_file")
echo "health: 200 after ${SECONDS}s (execution provider: ${provider:-not reported})"

if [ -n "$required_provider" ] && [ "$provider" != "$required_provider" ]; then
  echo "::error::$base_url runs on '${provider:-unknown}', not '$required_provider': the $required_provider provider did not load (see the app's startup log)" >&2
  exit 1
fi
