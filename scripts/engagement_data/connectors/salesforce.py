"""The demo world as Fivetran lands Salesforce (docs/connectors.md, "Salesforce"): Account, User, Contact,
Opportunity, Asset + Product2 (licences), Task and Event, snake_cased, with is_deleted and _fivetran_synced.
The crm tables Salesforce does not hold (deployments, product_releases, wallet_estimates) are landed in the
contract's shape beside it. Picklist labels are the inverse of the project's default mappings
(engagement__salesforce_opportunity_types, engagement__salesforce_activity_types); a demo value with no label
(a planted unknown enum) is landed as it is, so the adapter rejects it as unmapped_value."""
from __future__ import annotations

from .demo_tables import copy_contract_tables

OPPORTUNITY_LABELS = {"new_business": "New Business", "renewal": "Renewal",
                      "expansion": "Existing Customer - Upgrade", "cross_sell": "Cross-Sell"}
ACTIVITY_LABELS = {"meeting": "Meeting", "demo": "Demo", "trial": "Trial", "inquiry": "Inquiry",
                   "business_review": "Business Review"}
# Calendar activities land as Events, the others as Tasks.
EVENT_TYPES = ("meeting", "demo", "business_review")
SYNCED = "timestamp '2026-11-01 06:00:00'"
CONTRACT_TABLES = [("crm", "deployments"), ("crm", "product_releases"), ("crm", "wallet_estimates")]


def normalized(column: str) -> str:
    """The base models' enum normalization (macros/staging/normalize_enum.sql), in DuckDB."""
    return f"replace(replace(lower(trim({column})), ' ', '_'), '-', '_')"


def label(column: str, labels: dict[str, str]) -> str:
    """The Salesforce picklist label of a contract value; the raw value when it has none."""
    cases = " ".join(f"when '{value}' then '{text}'" for value, text in labels.items())
    return f"coalesce(case {normalized(column)} {cases} end, {column})"


def write(con, contract: str, schema: str = "salesforce", contract_prefix: str = "landing_") -> None:
    """Land the contract tables in `contract` (demo_tables.load_contract_tables) as Salesforce in `schema`."""
    con.execute(f"create schema if not exists {schema}")
    statements = {
        "account": f"""
            select account_id as id, account_name as name, parent_account_id as parent_id, manager_id as owner_id,
                   industry, region as region__c, segment as segment__c, customer_since as customer_since__c,
                   churned_at as churned_at__c, annual_contract_value as annual_contract_value__c,
                   updated_at as last_modified_date, false as is_deleted, {SYNCED} as _fivetran_synced
            from {contract}.accounts""",
        "user": f"""
            select manager_id as id, manager_name as name, email, team as department, region as region__c,
                   reports_to_manager_id as manager_id, is_active, {SYNCED} as _fivetran_synced
            from {contract}.managers""",
        "contact": f"""
            select contact_id as id, account_id, email, full_name as name, job_title as title,
                   is_primary as is_primary__c, created_at as created_date, false as is_deleted,
                   {SYNCED} as _fivetran_synced
            from {contract}.contacts""",
        "opportunity": f"""
            select opportunity_id as id, account_id, {label('opportunity_type', OPPORTUNITY_LABELS)} as type,
                   amount, stage as stage_name, coalesce(is_won, false) as is_won,
                   coalesce(is_closed, false) or coalesce(is_won, false) as is_closed, created_at as created_date,
                   cast(coalesce(closed_at, created_at + interval 90 day) as date) as close_date,
                   false as is_deleted, {SYNCED} as _fivetran_synced
            from {contract}.opportunities""",
        "product_2": f"""
            select distinct 'P2-' || product_module as id, product_module as name, {SYNCED} as _fivetran_synced
            from {contract}.licenses where product_module is not null""",
        "asset": f"""
            select license_id as id, account_id, 'P2-' || product_module as product_2_id,
                   coalesce(product_module, 'licence') as name, seats as quantity, starts_on as install_date,
                   ends_on as usage_end_date, annual_value as price, false as is_deleted,
                   {SYNCED} as _fivetran_synced
            from {contract}.licenses""",
        "task": f"""
            select activity_id as id, account_id, contact_id as who_id,
                   {label('activity_type', ACTIVITY_LABELS)} as type, 'Completed' as status, true as is_closed,
                   occurred_at as completed_date_time, cast(occurred_at as date) as activity_date,
                   occurred_at as created_date, false as is_deleted, {SYNCED} as _fivetran_synced
            from {contract}.activities
            where {normalized('activity_type')} not in {EVENT_TYPES} or activity_type is null""",
        "event": f"""
            select activity_id as id, account_id, contact_id as who_id,
                   {label('activity_type', ACTIVITY_LABELS)} as type, occurred_at as start_date_time,
                   occurred_at as activity_date_time, cast(occurred_at as date) as activity_date,
                   false as is_deleted, {SYNCED} as _fivetran_synced
            from {contract}.activities
            where {normalized('activity_type')} in {EVENT_TYPES}""",
    }
    for table, select in statements.items():
        con.execute(f'create or replace table {schema}."{table}" as {select}')
    copy_contract_tables(con, CONTRACT_TABLES, contract, contract_prefix)


def plant_defects(con, schema: str = "salesforce") -> dict[str, str]:
    """Add rows a real Salesforce org has and the contract does not: a deleted Task and an Opportunity whose Type
    no mapping knows. Returns {defect: row id}; each must be rejected with its reason, and the marts unchanged."""
    con.execute(f"""insert into {schema}.task (id, account_id, who_id, type, status, is_closed, completed_date_time,
                    activity_date, created_date, is_deleted, _fivetran_synced)
                    select '00TDELETED0001', account_id, id, 'Meeting', 'Completed', true,
                           timestamp '2026-06-01 10:00:00', date '2026-06-01', timestamp '2026-06-01 10:00:00', true,
                           {SYNCED}
                    from {schema}.contact order by id limit 1""")
    con.execute(f"""insert into {schema}.opportunity (id, account_id, type, amount, stage_name, is_won, is_closed,
                    created_date, close_date, is_deleted, _fivetran_synced)
                    select '006UNMAPPED0001', id, 'Partner Referral', 1000, 'Closed Won', true, true,
                           timestamp '2026-05-01 10:00:00', date '2026-06-01', false, {SYNCED}
                    from {schema}.account order by id limit 1""")
    return {"deleted_in_source": "00TDELETED0001", "unmapped_value": "006UNMAPPED0001"}
