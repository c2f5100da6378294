"""The referral directory and the escalation audit.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "helplines",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("country", sa.String(2), nullable=True, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("purposes", sa.JSON, nullable=False),
        sa.Column("for", sa.String(400), nullable=False),
        sa.Column("phone", sa.String(40)),
        sa.Column("sms", sa.String(40)),
        sa.Column("sms_body", sa.String(40)),
        sa.Column("url", sa.String(300)),
        sa.Column("hours", sa.String(100)),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("last_checked", sa.Date, nullable=False),
        sa.Column("check_method", sa.String(200)),
    )
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("category", sa.String(20), nullable=False, index=True),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("escalations")
    op.drop_table("helplines")
