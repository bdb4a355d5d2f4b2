"""Read the published marts (scripts/publish.py): shared by the report and the dashboard.

Readers open the published copy read-only, never the warehouse dbt writes, and
read marts by column name, so columns added to a mart later do not break them.
"""
import os
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_PUBLISHED = PROJECT_DIR / "warehouse" / "published" / "engagement.duckdb"
MARTS = "main_marts"
BANDS = ["engaged", "at_risk", "disengaged", "insufficient_data"]
BAND_LABELS = {
    "engaged": "Engaged",
    "at_risk": "At risk",
    "disengaged": "Disengaged",
    "insufficient_data": "Insufficient data",
}
BAND_COLOURS = {
    "engaged": "#2e7d32",
    "at_risk": "#f9a825",
    "disengaged": "#c62828",
    "insufficient_data": "#9e9e9e",
}


def published_path(path=None):
    """`path`, else $ENGAGEMENT_PUBLISHED_PATH, else published/<name> beside
    $ENGAGEMENT_DUCKDB_PATH, else warehouse/published/engagement.duckdb (as scripts/publish.py)."""
    if path or os.environ.get("ENGAGEMENT_PUBLISHED_PATH"):
        return Path(path or os.environ["ENGAGEMENT_PUBLISHED_PATH"])
    if os.environ.get("ENGAGEMENT_DUCKDB_PATH"):
        warehouse = Path(os.environ["ENGAGEMENT_DUCKDB_PATH"])
        return warehouse.parent / "published" / warehouse.name
    return DEFAULT_PUBLISHED


class Marts:
    """A read-only connection to one published copy (one consistent version)."""

    def __init__(self, path=None):
        self.path = published_path(path)
        if not self.path.exists():
            raise FileNotFoundError(
                f"no published marts at {self.path}: run `bash scripts/build_demo.sh` "
                "(or `python scripts/publish.py` after `dbt build`)"
            )
        self.con = duckdb.connect(str(self.path), read_only=True)

    def close(self):
        self.con.close()

    def df(self, sql, params=None):
        return self.con.execute(sql, params or []).df()

    def columns(self, table, schema=MARTS):
        rows = self.con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
            " order by ordinal_position",
            [schema, table],
        ).fetchall()
        return [r[0] for r in rows]

    def has_table(self, table, schema=MARTS):
        return bool(self.columns(table, schema))

    def has_column(self, table, column, schema=MARTS):
        return column in self.columns(table, schema)

    def manifest(self):
        if not self.has_table("publish_manifest", "main_published"):
            return None
        return self.df("select * from main_published.publish_manifest order by table_schema, table_name")

    def movers(self, account_id):
        """What moved a customer's score: each indicator's contribution now, in the
        previous period, and the change (points of engagement score), biggest moves
        first. Read from the mart's contribution_change_points and
        previous_contribution_points when it has them, else computed from
        fct_customer_indicator_scores (period_index 0 against 1)."""
        table = f"{MARTS}.fct_customer_indicator_scores"
        columns = self.columns("fct_customer_indicator_scores")
        if {"contribution_change_points", "previous_contribution_points"} <= set(columns):
            return self.df(
                f"""
                select indicator, element, raw_value, indicator_score, previous_contribution_points,
                    contribution_points, contribution_change_points
                from {table}
                where account_id = ? and period_index = 0
                order by abs(contribution_change_points) desc nulls last, indicator
                """,
                [account_id],
            )
        return self.df(
            f"""
            with current_period as (
                select indicator, element, contribution_points, indicator_score, raw_value
                from {table}
                where account_id = ? and period_index = 0
            ),
            previous_period as (
                select indicator, contribution_points
                from {table}
                where account_id = ? and period_index = 1
            )
            select
                current_period.indicator,
                current_period.element,
                current_period.raw_value,
                current_period.indicator_score,
                previous_period.contribution_points as previous_contribution_points,
                current_period.contribution_points,
                coalesce(current_period.contribution_points, 0)
                    - coalesce(previous_period.contribution_points, 0) as contribution_change_points
            from current_period
            left join previous_period on current_period.indicator = previous_period.indicator
            order by abs(contribution_change_points) desc, current_period.indicator
            """,
            [account_id, account_id],
        )
