"""`python -m bot.channels.telegram`: the Telegram front-end (settings from the environment).

`--check` only checks the settings, so `make telegram` can say what is missing before it starts
the assistant.
"""

import logging
import os
import sys

from bot.channels.telegram.config import ConfigError, load_settings


def main() -> int:
    try:
        settings = load_settings(os.environ)
    except ConfigError as error:
        print(f"Telegram front-end: {error}", file=sys.stderr)
        return 2
    if "--check" in sys.argv[1:]:
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Bot API URLs contain the bot's token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # spaCy's thinc imports TensorFlow whenever it is installed (Rasa installs it), though the local
    # detector never uses it: 540 of the front-end's 710 MiB. Marking it absent makes thinc skip it.
    sys.modules.setdefault("tensorflow", None)
    from bot.channels.telegram.app import run  # after the settings check: importing it loads spaCy

    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
