#!/usr/bin/env bash
# Starts or stops a local Azurite (blobs, queues, tables on 127.0.0.1:10000-10002) from the repository's node_modules.
# start: does nothing when something already listens on 10000; otherwise starts Azurite, waits until it answers,
#        and records its pid in .azurite/azurite.pid. stop: stops only an Azurite this script started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="$root/.azurite"
pidfile="$data/azurite.pid"

listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

case "${1:-}" in
  start)
    if listening 10000; then
      echo "azurite: something already listens on 127.0.0.1:10000; using it"
      exit 0
    fi
    if [ ! -x "$root/node_modules/.bin/azurite" ]; then
      echo "azurite: not installed; run 'npm ci' in $root first" >&2
      exit 1
    fi
    mkdir -p "$data"
    # --skipApiVersionCheck: Azurite 3.37 rejects the service version that current Azure SDKs send.
    # --disableTelemetry: otherwise Azurite writes telemetry files under /tmp and tries to upload them.
    nohup "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --location "$data" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$data/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if listening 10000 && listening 10001 && listening 10002; then
        echo "azurite: started (pid $(cat "$pidfile")), data in $data"
        exit 0
      fi
      sleep 0.1
    done
    echo "azurite: did not start within 10 s; see $data/azurite.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      # Wait for it to exit (it has been seen to linger after SIGTERM); force it after 5 s.
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      echo "azurite: stopped"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
