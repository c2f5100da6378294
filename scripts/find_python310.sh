#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter that really runs (Rasa 3.6 supports 3.8-3.10 only).
# Order: python3.10 on PATH, pyenv's versions folder, then uv (installing 3.10 with uv if needed).
# A pyenv shim can exist on PATH and still refuse to run, so each candidate is executed, not just found.
set -u

works() { "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

candidates=()
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
for root in "${PYENV_ROOT:-$HOME/.pyenv}" /root/.pyenv /usr/local /opt/python; do
  for exe in "$root"/versions/3.10*/bin/python3.10 "$root"/bin/python3.10; do
    [ -x "$exe" ] && candidates+=("$exe")
  done
done
for exe in /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -x "$exe" ] && candidates+=("$exe")
done

for exe in "${candidates[@]}"; do
  if works "$exe"; then echo "$exe"; exit 0; fi
done

if command -v uv >/dev/null 2>&1; then
  uv python install 3.10 >&2 || true
  exe=$(uv python find 3.10 2>/dev/null)
  if [ -n "$exe" ] && works "$exe"; then echo "$exe"; exit 0; fi
fi

cat >&2 <<'MSG'
No working Python 3.10 was found (Rasa 3.6 does not run on 3.11 or newer).
Install one, then run the command again. Any of these works:
  - your system's package, e.g. `apt-get install python3.10 python3.10-venv`
  - pyenv:  `pyenv install 3.10`
  - uv:     `pip install uv && uv python install 3.10`
MSG
exit 1
