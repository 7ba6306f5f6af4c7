#!/usr/bin/env bash
# Smoke test of a deployed classifier: wait until /api/health answers 200 (the model is loaded) on the
# required execution provider, if one is given, then POST a sample image to /api/classify with a
# function key and require a label back.
#
# Usage: smoke-test.sh <base-url> <function-key> [image] [timeout-seconds] [required-execution-provider]
#   SMOKE_POLL_SECONDS  seconds between health polls (default 10)
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <base-url> <function-key> [image] [timeout-seconds] [required-execution-provider]" >&2
  exit 2
fi

base_url="${1%/}"
key="$2"
image="${3:-samples/coffee.jpg}"
timeout_seconds="${4:-900}"
required_provider="${5:-}"

"$(dirname "$0")/wait-for-health.sh" "$base_url" "$timeout_seconds" "$required_provider"

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
