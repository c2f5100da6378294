"""Creates or upgrades the assistant's tables (Alembic) and loads the reviewed directory into them.

`python -m crisis.seed [DATABASE_URL]`, run by `make run` and `make test` before the servers start
(and by an operator after changing data/referrals/helplines.yml). Idempotent: the schema goes to the
latest migration and the directory's rows are replaced by the file's, in one transaction.
"""

import logging
import sys
from pathlib import Path
from typing import Iterable, Optional

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, inspect

from crisis.database import database_url, engine_for, session_factory
from crisis.directory import read_entries
from crisis.tables import Helpline

ROOT = Path(__file__).resolve().parent.parent
logger = logging.getLogger(__name__)


def upgrade_schema(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    # Keep the caller's logging: alembic.ini's logging section would replace the root handlers.
    config.attributes["configure_logging"] = False
    tables = set(inspect(engine_for(url)).get_table_names())
    if "helplines" in tables and "alembic_version" not in tables:
        # Made before the project had migrations (by create_all): the same schema as the first one.
        command.stamp(config, "0001")
    command.upgrade(config, "head")


def load_directory(url: str, entries: Iterable[dict]) -> int:
    """Replaces the table's rows with the reviewed entries, in one transaction."""
    rows = [
        Helpline(
            id=e["id"],
            country=e["country"],
            name=e["name"],
            purposes=list(e["purposes"]),
            for_whom=e["for"],
            phone=e.get("phone"),
            sms=e.get("sms"),
            sms_body=e.get("sms_body"),
            url=e.get("url"),
            hours=e.get("hours"),
            source=e["source"],
            last_checked=e["last_checked"],
            check_method=e.get("check_method"),
        )
        for e in entries
    ]
    with session_factory(url).begin() as session:
        session.execute(delete(Helpline))
        session.add_all(rows)
    return len(rows)


def seed(url: Optional[str] = None) -> int:
    url = url or database_url()
    upgrade_schema(url)
    return load_directory(url, read_entries())


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    count = seed(sys.argv[1] if len(sys.argv) > 1 else None)
    print(f"schema at the latest migration; {count} helplines loaded")
