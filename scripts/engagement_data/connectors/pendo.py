"""The demo's product usage as Fivetran's Pendo connector lands it, for the adapter tests.

    write_pendo(con)

reads the contract-shaped demo (landing.load_demo) and writes, in schema ``pendo`` of the same DuckDB file:
event (a visitor's activity: the logins), feature_event (a visitor's use of a feature), feature_history (feature
names, by version) and account_history (Pendo's accounts, by version, with the Salesforce account id Pendo's
Salesforce integration syncs).

- Pendo accounts get Pendo's own ids (``tenant-...``); the CRM account id is the Salesforce field of the latest
  account version, except for every 5th account, which carries none and is found through the identity map. Every
  4th account also has an older version naming another Salesforce id, which the adapter must not read.
- Visitor ids are the demo's user ids (Pendo's visitor id is the product's own user id).
- Each demo event is one row (``_fivetran_id``); Pendo has no event type column, so the demo's rows of a type
  Pendo cannot hold (an unknown type) are not written. The other planted defects stay (missing time, future
  times, accounts that exist nowhere).

The other sources stay in the contract's shape (contract_<source>, copies of the demo).
"""
from __future__ import annotations

import duckdb

from .landing import assign_ids, copy_contract, ids_of, land_overrides, load_demo, write_identity_map

SCHEMA = "pendo"
SYNCED = "timestamp '2026-11-01 00:00:00'"
OTHER_SOURCES = {
    "crm": ["accounts", "managers", "contacts", "licenses", "deployments", "product_releases", "opportunities",
            "activities", "wallet_estimates"],
    "support": ["cases"],
    "survey": ["surveys", "invitations", "responses"],
    "marketing": ["event_registrations", "email_events", "advocacy"],
}


def write_pendo(con: duckdb.DuckDBPyConnection) -> dict:
    """Land the demo's product source as Pendo, the rest as the contract's shape; return the dbt vars."""
    load_demo(con)
    s = SCHEMA
    con.execute(f"create schema if not exists {s}")
    assign_ids(con, "pendo_account", 0, ["select account_id from demo_product.usage_events"])
    assign_ids(con, "feature", 0, ["select feature_name from demo_product.usage_events"])
    tenant = f"('tenant-' || lpad(cast({ids_of('pendo_account', 'a.account_id')} as varchar), 5, '0'))"
    accounts = "(select distinct account_id from demo_product.usage_events where account_id is not null)"
    con.execute(f"""create or replace table {s}.account_history as
        select {tenant} as id, timestamp '2026-10-01 00:00:00' as last_updated_at,
            case when {ids_of('pendo_account', 'a.account_id')} % 5 = 0 then null else a.account_id end
                as salesforce_account_id,
            timestamp '2024-01-01 00:00:00' as first_visit, {SYNCED} as _fivetran_synced
        from {accounts} as a
        union all
        -- an older version of every 4th account, naming another Salesforce id: not the account's now
        select {tenant}, timestamp '2025-01-01 00:00:00', 'ACC-OLD-' || a.account_id,
            timestamp '2024-01-01 00:00:00', {SYNCED}
        from {accounts} as a where {ids_of('pendo_account', 'a.account_id')} % 4 = 0""")
    write_identity_map(con, f"""select 'pendo', {tenant}, a.account_id from {accounts} as a
        where {ids_of('pendo_account', 'a.account_id')} % 5 = 0""")
    feature = f"('feat_' || lpad(cast({ids_of('feature', 'f.feature_name')} as varchar), 4, '0'))"
    con.execute(f"""create or replace table {s}.feature_history as
        select {feature} as id, f.feature_name as name, 'app-1' as app_id,
            timestamp '2026-10-01 00:00:00' as last_updated_at, {SYNCED} as _fivetran_synced
        from (select distinct feature_name from demo_product.usage_events where feature_name is not null) as f
        union all
        -- the feature's first name, since renamed: not its name now
        select {feature}, 'old ' || f.feature_name, 'app-1', timestamp '2024-01-01 00:00:00', {SYNCED}
        from (select distinct feature_name from demo_product.usage_events where feature_name is not null) as f""")
    events = "(select distinct * from demo_product.usage_events where event_id is not null)"
    common = f"""md5(e.event_id) as _fivetran_id, {tenant.replace('a.account_id', 'e.account_id')} as account_id,
            e.user_id as visitor_id, 'app-1' as app_id, cast(e.occurred_at as timestamp) as timestamp,
            1 as num_events, 1 as num_minutes, {SYNCED} as _fivetran_synced"""
    con.execute(f"""create or replace table {s}.event as
        select {common} from {events} as e
        where replace(replace(lower(trim(e.event_type)), ' ', '_'), '-', '_') = 'login'""")
    con.execute(f"""create or replace table {s}.feature_event as
        select {common}, {feature.replace('f.feature_name', 'e.feature_name')} as feature_id from {events} as e
        where replace(replace(lower(trim(e.event_type)), ' ', '_'), '-', '_') = 'feature_use'""")
    build_vars = {"engagement__product_connector": "pendo", "pendo_schema": SCHEMA,
                  "engagement__identity_map_schema": "identity"}
    for source, tables in OTHER_SOURCES.items():
        build_vars[f"{source}_schema"] = copy_contract(con, source, tables)
    build_vars.update(land_overrides(con))
    return build_vars
