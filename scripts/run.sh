#!/usr/bin/env bash
# Starts the action server and the Rasa server on this machine and says where to talk to them.
# Ctrl-C stops both. Logs go to var/actions.log and var/rasa.log.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# Bound to this machine only by default: set RASA_INTERFACE=0.0.0.0 behind a reverse proxy with TLS.
interface="${RASA_INTERFACE:-127.0.0.1}"
# rasa-sdk has no flag for its address and binds to every interface unless SANIC_HOST says otherwise;
# only the Rasa server needs to reach it. Set ACTION_INTERFACE to a private-network address when the
# Rasa server runs on another host.
action_interface="${ACTION_INTERFACE:-127.0.0.1}"
# Rasa's HTTP API can read and change conversations and replace the model: off unless an operator sets
# RASA_API_TOKEN, and then every call needs ?token=... (Rasa's --auth-token).
api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api=(--enable-api --auth-token "$RASA_API_TOKEN"); fi

pids=()
stop_all() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

SANIC_HOST="$action_interface" .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" \
  >> var/actions.log 2>&1 &
pids+=($!)
.venv/bin/rasa run --model models/assistant.tar.gz --credentials credentials.yml \
  --endpoints endpoints.yml --port "$RASA_PORT" --interface "$interface" "${api[@]}" >> var/rasa.log 2>&1 &
pids+=($!)

echo "Starting the assistant (about a minute; logs in var/)..."
for url in "http://localhost:${ACTION_PORT}/health" "http://localhost:${RASA_PORT}/"; do
  until curl -sf "$url" > /dev/null; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "A server stopped while starting; see var/*.log" >&2; exit 1; }
    done
    sleep 1
  done
done

cat <<MSG

The assistant is running.
  Web chat:      http://localhost:${RASA_PORT}/webhooks/web/
  REST channel:  curl -s -X POST http://localhost:${RASA_PORT}/webhooks/rest/webhook \\
                   -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hi"}'
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
echo "A server stopped; see var/*.log" >&2
exit 1
