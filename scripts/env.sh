# Sourced by the run and test scripts: the defaults for one assistant on this machine.
# Every value can be overridden from the environment.
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://localhost:${ACTION_PORT}/webhook}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///var/assistant.db}"
# Empty: the in-memory lock store, for one Rasa process. redis://host:6379/1 for several.
export LOCK_STORE_URL="${LOCK_STORE_URL:-}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
# No telemetry or crash reports leave the machine: conversations here are sensitive.
export RASA_TELEMETRY_ENABLED=false
mkdir -p var
