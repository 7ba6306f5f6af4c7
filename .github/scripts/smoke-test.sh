#!/usr/bin/env bash
# Smoke test of a deployed classifier: wait until /api/health answers 200 (the model is loaded),
# then POST a sample image to /api/classify with a function key and require a label back.
#
# Usage: smoke-test.sh <base-url> <function-key> [image] [timeout-seconds]
#   SMOKE_POLL_SECONDS  seconds between health polls (default 10)
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <base-url> <function-key> [image] [timeout-seconds]" >&2
  exit 2
fi

base_url="${1%/}"
key="$2"
image="${3:-samples/coffee.jpg}"
timeout_seconds="${4:-900}"
poll_seconds="${SMOKE_POLL_SECONDS:-10}"

# Scale-from-zero on the GPU plan pulls a large image and initialises CUDA: allow minutes, not seconds.
deadline=$((SECONDS + timeout_seconds))
while true; do
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$base_url/api/health" || true)
  if [ "$status" = "200" ]; then
    echo "health: 200 after ${SECONDS}s"
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "::error::$base_url/api/health answered ${status:-nothing} and never 200 within ${timeout_seconds}s" >&2
    exit 1
  fi
  echo "health: ${status:-no answer}, retrying in ${poll_seconds}s"
  sleep "$poll_seconds"
done

# The key goes in a header, not the query string, so it never appears in a logged URL.
response=$(curl -sS --fail-with-body --max-time 120 \
  -X POST \
  -H "x-functions-key: $key" \
  -H 'Content-Type: image/jpeg' \
  --data-binary "@$image" \
  "$base_url/api/classify")

label=$(printf '%s' "$response" | python3 -c '
import json, sys

def first_label(node):
    if isinstance(node, dict):
        value = node.get("label")
        if isinstance(value, str) and value.strip():
            return value
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = first_label(child)
        if found:
            return found
    return None

try:
    document = json.load(sys.stdin)
except ValueError:
    sys.exit("response is not JSON")
label = first_label(document)
if not label:
    sys.exit("response has no label")
print(label)
') || {
  echo "::error::classify answered without a label: $response" >&2
  exit 1
}

echo "classify: $label"
