"""Compare the marts of two DuckDB warehouses, table by table and row by row.

For refactoring: build the demo before and after a change, then

    .venv/bin/python scripts/compare_warehouses.py before.duckdb after.duckdb

prints, for every table in the marts schema of either warehouse, whether it is
equal (numbers within --tolerance), and otherwise how many rows differ and a few
examples. Tables renamed on purpose are paired with --rename OLD=NEW. Exits 1
when any table differs, 0 when all are equal. Bookkeeping columns, which record
the dbt invocation a row was computed from or where the data was read from, and so
differ between builds of the same data (BOOKKEEPING_COLUMNS), are left out.
"""
import argparse
import sys

import duckdb

# Columns recording which dbt invocation a row was computed from (the backtest marts'
# ranks_built_by_invocation_id): they differ between any two builds of the same data.
# Likewise where a build read its data from (dim_engagement_data_origin): the demo's
# seeds or the same rows landed as a user's, scored alike. And the day the CRM snapshot
# recorded the accounts' attributes (attributes_as_of: the build's day for history older
# than the first snapshot), which differs between two builds of the same data on two
# days (a test run that crosses midnight UTC).
BOOKKEEPING_COLUMNS = {"ranks_built_by_invocation_id", "reads_demo_data", "data_origin", "attributes_as_of"}


def compare_table(con, schema, old_table, new_table, tolerance, ignore):
    a_cols = con.execute(
        "select column_name, data_type from information_schema.columns where table_catalog = 'a' "
        "and table_schema = ? and table_name = ? order by ordinal_position", [schema, old_table]).fetchall()
    b_cols = con.execute(
        "select column_name, data_type from information_schema.columns where table_catalog = 'b' "
        "and table_schema = ? and table_name = ? order by ordinal_position", [schema, new_table]).fetchall()
    a_names = [c for c, _ in a_cols if c not in ignore]
    b_names = [c for c, _ in b_cols if c not in ignore]
    notes = []
    if a_names != b_names:
        added = [c for c in b_names if c not in a_names]
        removed = [c for c in a_names if c not in b_names]
        notes.append(f"columns added {added} removed {removed}")
    common = [c for c in a_names if c in b_names]
    types = dict(a_cols)

    def expr(col):
        t = types[col].upper()
        if any(k in t for k in ("DOUBLE", "FLOAT", "DECIMAL", "REAL", "NUMERIC")):
            return f"round(cast({col} as double) / {tolerance}) * {tolerance} as {col}"
        return col

    select = ", ".join(expr(c) for c in common)
    a_rel = f"a.{schema}.{old_table}"
    b_rel = f"b.{schema}.{new_table}"
    only_a = con.execute(f"select count(*) from (select {select} from {a_rel} except all select {select} from {b_rel})").fetchall()[0][0]
    only_b = con.execute(f"select count(*) from (select {select} from {b_rel} except all select {select} from {a_rel})").fetchall()[0][0]
    n_a = con.execute(f"select count(*) from {a_rel}").fetchall()[0][0]
    n_b = con.execute(f"select count(*) from {b_rel}").fetchall()[0][0]
    examples = []
    if only_a or only_b:
        examples = con.execute(
            f"(select 'before' as side, * from (select {select} from {a_rel} except all select {select} from {b_rel}) limit 3) "
            f"union all (select 'after', * from (select {select} from {b_rel} except all select {select} from {a_rel}) limit 3)"
        ).fetchall()
    return n_a, n_b, only_a, only_b, notes, examples


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", help="DuckDB file built before the change")
    parser.add_argument("after", help="DuckDB file built after the change")
    parser.add_argument("--schema", action="append", help="schema(s) to compare (default: main_marts)")
    parser.add_argument("--rename", action="append", default=[], help="OLD=NEW table renamed on purpose")
    parser.add_argument("--tolerance", type=float, default=1e-6, help="numbers are compared rounded to this (1e-6)")
    parser.add_argument("--ignore-column", action="append", default=[], help="column to leave out, e.g. built_at")
    args = parser.parse_args(argv)
    schemas = args.schema or ["main_marts"]
    renames = dict(r.split("=", 1) for r in args.rename)

    con = duckdb.connect()
    con.execute(f"attach '{args.before}' as a (read_only)")
    con.execute(f"attach '{args.after}' as b (read_only)")
    differing = 0
    for schema in schemas:
        a_tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'a' and table_schema = ? order by 1", [schema]).fetchall()]
        b_tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'b' and table_schema = ? order by 1", [schema]).fetchall()]
        paired = set()
        for old in a_tables:
            new = renames.get(old, old)
            if new not in b_tables:
                print(f"{schema}.{old}: only before")
                differing += 1
                continue
            paired.add(new)
            n_a, n_b, only_a, only_b, notes, examples = compare_table(
                con, schema, old, new, args.tolerance, set(args.ignore_column) | BOOKKEEPING_COLUMNS)
            label = old if old == new else f"{old} -> {new}"
            if only_a or only_b or notes:
                differing += 1
                print(f"{schema}.{label}: DIFFERS rows {n_a} -> {n_b}, {only_a} only before, {only_b} only after; {'; '.join(notes)}")
                for row in examples:
                    print("    ", row)
            else:
                print(f"{schema}.{label}: equal ({n_a} rows)")
        for new in b_tables:
            if new not in paired:
                print(f"{schema}.{new}: only after")
    print("all equal" if differing == 0 else f"{differing} table(s) differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
