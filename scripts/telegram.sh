#!/usr/bin/env bash
# `make telegram`: the Telegram front-end, and the assistant it talks to if that is not running yet.
# Settings come from the environment or a git-ignored .env (see the README's Telegram section).
# Ctrl-C stops the front-end, and the assistant too when this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .env ]; then
  set -a; source .env; set +a
fi
source scripts/env.sh
export RASA_URL="${RASA_URL:-http://localhost:${RASA_PORT}}"
# Say what is missing before spending a minute on starting the assistant.
.venv/bin/python -m bot.channels.telegram --check

assistant=""
stop_assistant() { [ -z "$assistant" ] || { kill "$assistant" 2>/dev/null || true; wait "$assistant" 2>/dev/null || true; }; }
trap stop_assistant EXIT INT TERM

if ! curl -sf "${RASA_URL}/" > /dev/null; then
  scripts/run.sh &
  assistant=$!
  until curl -sf "${RASA_URL}/" > /dev/null; do
    kill -0 "$assistant" 2>/dev/null || { echo "The assistant did not start; see var/*.log" >&2; exit 1; }
    sleep 1
  done
fi
.venv/bin/python -m bot.channels.telegram >> var/telegram.log 2>&1 &
front_end=$!
trap 'kill "$front_end" 2>/dev/null || true; wait "$front_end" 2>/dev/null || true; stop_assistant' EXIT INT TERM
mode=$([ -n "${TELEGRAM_WEBHOOK_URL:-}" ] && echo "webhook at ${TELEGRAM_WEBHOOK_URL}" || echo "long polling")
echo "The Telegram front-end is running (${mode}; Rasa at ${RASA_URL}; logs in var/telegram.log)."
echo "Write to your bot in Telegram. Press Ctrl-C to stop."
wait "$front_end" || { echo "The Telegram front-end stopped; the end of var/telegram.log:" >&2; tail -5 var/telegram.log >&2; exit 1; }
