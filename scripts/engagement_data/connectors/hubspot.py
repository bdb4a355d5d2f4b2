"""The demo world as Fivetran's HubSpot connector lands it (crm, support and marketing), for the adapter tests.

    write_hubspot(con, sources=("crm", "support", "marketing"))

reads the contract-shaped demo (landing.load_demo) and writes, in schema ``hubspot`` of the same DuckDB file:
company, owner, contact, deal, deal_pipeline_stage, deal_company, engagement, engagement_meeting, engagement_call,
engagement_company, engagement_contact (crm); ticket, ticket_pipeline_stage, ticket_company, ticket_contact
(support); email_event, email_campaign (marketing); plus engagement_owner_attributes, the small table of team,
region and reporting line HubSpot itself does not hold (docs/connectors.md, "HubSpot").

Columns are the ones Fivetran lands (ids as bigint, HubSpot properties as ``property_<name>``, ``is_deleted`` /
``_fivetran_deleted``, ``_fivetran_synced``); picklists are spelt as HubSpot spells them (deal types
``newbusiness``/``existingbusiness``, ticket priorities ``LOW``..``URGENT``, email event types ``SENT``..).
Ids become HubSpot's numeric ids (landing.assign_ids); accounts keep their CRM id through the company's
Salesforce-account-id property, except every 7th company, which carries none and is found through the identity
map instead (both ways the adapters support). What cannot exist in HubSpot is not written: a row without its
primary key, an older version of a record (HubSpot keeps the latest), an exact duplicate row.

The contract tables HubSpot does not yield (licenses, deployments, product releases, wallet estimates; the
sources not written as HubSpot) are copied to contract_<source>, with contact and manager ids rewritten to
HubSpot's when HubSpot is the CRM. Without crm in `sources` (HubSpot beside another CRM), only companies and
contacts are written for the CRM's part, and HubSpot's contacts are found by e-mail.
"""
from __future__ import annotations

import duckdb

from .landing import assign_ids, copy_contract, ids_of, land_overrides, load_demo, write_identity_map

SCHEMA = "hubspot"
SYNCED = "timestamp '2026-11-01 00:00:00'"

# What HubSpot yields per source, and the contract tables of that source it does not (copied as contract shape).
YIELDS = {
    "crm": ["accounts", "managers", "contacts", "opportunities", "activities"],
    "support": ["cases"],
    "marketing": ["email_events"],
}
CONTRACT_TABLES = {
    "crm": ["accounts", "managers", "contacts", "licenses", "deployments", "product_releases", "opportunities",
            "activities", "wallet_estimates"],
    "support": ["cases"],
    "survey": ["surveys", "invitations", "responses"],
    "marketing": ["event_registrations", "email_events", "advocacy"],
    "product": ["usage_events"],
}
# Columns holding an id HubSpot renumbers, per contract table: column -> entity.
ID_COLUMNS = {"contact_id": "contact", "manager_id": "owner", "reports_to_manager_id": "owner"}

# How the demo's (contract) picklist values are spelt in HubSpot; anything else is written as it is,
# so the demo's unknown values stay unknown.
DEAL_TYPES = {"new_business": "newbusiness", "expansion": "existingbusiness", "renewal": "renewal",
              "cross_sell": "crosssell"}
TICKET_PRIORITIES = {"low": "LOW", "normal": "MEDIUM", "high": "HIGH", "urgent": "URGENT"}
EMAIL_EVENT_TYPES = {"sent": "SENT", "delivered": "DELIVERED", "open": "OPEN", "click": "CLICK", "bounce": "BOUNCE",
                     "unsubscribe": "STATUSCHANGE"}


def norm(column: str) -> str:
    """The contract's enum spelling (macros/staging/normalize_enum.sql)."""
    return f"replace(replace(lower(trim({column})), ' ', '_'), '-', '_')"


def spelt(column: str, values: dict[str, str]) -> str:
    return ("case " + norm(column) + " " + " ".join(f"when '{k}' then '{v}'" for k, v in values.items())
            + f" else {column} end")


def first_name(column: str) -> str:
    return f"split_part({column}, ' ', 1)"


def last_name(column: str) -> str:
    return f"nullif(substr({column}, length(split_part({column}, ' ', 1)) + 2), '')"


def assign_hubspot_ids(con: duckdb.DuckDBPyConnection) -> None:
    """Numeric HubSpot ids for every demo id (those the demo references without a row too: they stay orphans)."""
    account_refs = ["select account_id from demo_crm.accounts", "select parent_account_id from demo_crm.accounts",
                    "select account_id from demo_crm.contacts", "select account_id from demo_crm.opportunities",
                    "select account_id from demo_crm.activities", "select account_id from demo_support.cases"]
    assign_ids(con, "company", 10_000_000, account_refs)
    assign_ids(con, "contact", 20_000_000, [
        "select contact_id from demo_crm.contacts", "select contact_id from demo_crm.activities",
        "select contact_id from demo_support.cases", "select contact_id from demo_survey.invitations",
        "select contact_id from demo_survey.responses", "select contact_id from demo_marketing.email_events",
        "select contact_id from demo_marketing.event_registrations", "select contact_id from demo_marketing.advocacy"])
    assign_ids(con, "deal", 30_000_000, ["select opportunity_id from demo_crm.opportunities"])
    assign_ids(con, "engagement", 40_000_000, ["select activity_id from demo_crm.activities"])
    assign_ids(con, "owner", 50_000_000, [
        "select manager_id from demo_crm.managers", "select reports_to_manager_id from demo_crm.managers",
        "select manager_id from demo_crm.accounts"])
    assign_ids(con, "ticket", 60_000_000, ["select case_id from demo_support.cases"])
    assign_ids(con, "email_campaign", 70_000_000, ["select campaign_id from demo_marketing.email_events"])


def write_companies_and_contacts(con: duckdb.DuckDBPyConnection) -> None:
    """Companies (with the identity map) and contacts: HubSpot support reads them too, whatever the CRM."""
    s = SCHEMA
    con.execute(f"""create or replace table {s}.company as
        select {ids_of('company', 'a.account_id')} as id, false as is_deleted, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced,
            a.account_name as property_name,
            a.industry as property_industry,
            {ids_of('owner', 'a.manager_id')} as property_hubspot_owner_id,
            {ids_of('company', 'a.parent_account_id')} as property_hs_parent_company_id,
            -- every 7th company carries no Salesforce id: the identity map names its account
            case when {ids_of('company', 'a.account_id')} % 7 = 0 then null else a.account_id end
                as property_salesforceaccountid,
            a.region as property_region,
            a.segment as property_segment,
            cast(a.customer_since as timestamp) as property_hs_lifecyclestage_customer_date,
            cast(a.churned_at as timestamp) as property_churn_date,
            cast(a.annual_contract_value as double) as property_hs_arr,
            cast(a.updated_at as timestamp) as property_hs_lastmodifieddate
        from demo_crm.accounts as a
        where a.account_id is not null
        qualify row_number() over (partition by a.account_id order by cast(a.updated_at as timestamp) desc) = 1""")
    write_identity_map(con, f"""select 'hubspot', cast(id as varchar), a.account_id
        from {s}.company join connector_ids.ids as i on i.entity = 'company' and i.connector_id = company.id
        join (select distinct account_id from demo_crm.accounts) as a on a.account_id = i.contract_id
        where property_salesforceaccountid is null""")
    con.execute(f"""create or replace table {s}.contact as
        select {ids_of('contact', 'contact_id')} as id, false as _fivetran_deleted, {SYNCED} as _fivetran_synced,
            email as property_email, {first_name('full_name')} as property_firstname,
            {last_name('full_name')} as property_lastname, job_title as property_jobtitle,
            cast(created_at as timestamp) as property_createdate,
            {ids_of('company', 'account_id')} as property_associatedcompanyid,
            cast(is_primary as boolean) as property_is_primary_contact
        from (select distinct * from demo_crm.contacts where contact_id is not null) as c""")


def write_crm(con: duckdb.DuckDBPyConnection) -> None:
    s = SCHEMA
    con.execute(f"""create or replace table {s}.owner as
        select {ids_of('owner', 'manager_id')} as owner_id, {first_name('manager_name')} as first_name,
            {last_name('manager_name')} as last_name, email, 'PERSON' as type, cast(is_active as boolean) as is_active,
            cast(null as timestamp) as created_at, cast(null as timestamp) as updated_at,
            {SYNCED} as _fivetran_synced
        from (select distinct * from demo_crm.managers) as m""")
    con.execute(f"""create or replace table {s}.engagement_owner_attributes as
        select {ids_of('owner', 'manager_id')} as owner_id, team, region,
            {ids_of('owner', 'reports_to_manager_id')} as reports_to_owner_id
        from (select distinct * from demo_crm.managers) as m""")
    con.execute(f"""create or replace table {s}.deal_pipeline_stage as
        select stage as stage_id, 'default' as pipeline_id, stage as label,
            bool_or(coalesce(cast(is_won as boolean), false)) as closed_won,
            bool_or(cast(is_closed as boolean)) as is_closed, true as active, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced
        from demo_crm.opportunities where stage is not null group by stage""")
    con.execute(f"""create or replace table {s}.deal as
        select {ids_of('deal', 'opportunity_id')} as deal_id, false as is_deleted, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced, 'default' as deal_pipeline_id, stage as deal_pipeline_stage_id,
            cast(null as bigint) as owner_id, opportunity_id as property_dealname,
            cast(amount as double) as property_amount, {spelt('opportunity_type', DEAL_TYPES)} as property_dealtype,
            cast(created_at as timestamp) as property_createdate, cast(closed_at as timestamp) as property_closedate
        from (select distinct * from demo_crm.opportunities where opportunity_id is not null) as o""")
    con.execute(f"""create or replace table {s}.deal_company as
        select distinct {ids_of('deal', 'opportunity_id')} as deal_id, {ids_of('company', 'account_id')} as company_id,
            5 as type_id, 'HUBSPOT_DEFINED' as category, {SYNCED} as _fivetran_synced
        from demo_crm.opportunities where opportunity_id is not null and account_id is not null""")
    # engagements: inquiries were calls, every other touchpoint a meeting; the kind of meeting is HubSpot's
    # "call and meeting type" (hs_activity_type), empty for a plain meeting or call
    activities = "(select distinct * from demo_crm.activities where activity_id is not null)"
    engagement_type = f"case when {norm('activity_type')} = 'inquiry' then 'CALL' else 'MEETING' end"
    activity_type = (f"case {norm('activity_type')} when 'meeting' then null when 'inquiry' then null "
                     "when 'business_review' then 'Business Review' when 'demo' then 'Demo' "
                     "when 'trial' then 'Trial' else activity_type end")
    con.execute(f"""create or replace table {s}.engagement as
        select {ids_of('engagement', 'activity_id')} as id, {engagement_type} as type,
            cast(occurred_at as timestamp) as timestamp, cast(null as bigint) as owner_id, true as active,
            cast(occurred_at as timestamp) as created_at, {SYNCED} as _fivetran_synced
        from {activities} as a""")
    for kind, table in (("MEETING", "engagement_meeting"), ("CALL", "engagement_call")):
        con.execute(f"""create or replace table {s}.{table} as
            select {ids_of('engagement', 'activity_id')} as engagement_id, '{kind}' as type,
                {activity_type} as property_hs_activity_type, cast(occurred_at as timestamp) as property_hs_timestamp,
                false as _fivetran_deleted, {SYNCED} as _fivetran_synced
            from {activities} as a where {engagement_type} = '{kind}'""")
    con.execute(f"""create or replace table {s}.engagement_company as
        select distinct {ids_of('engagement', 'activity_id')} as engagement_id,
            {ids_of('company', 'account_id')} as company_id, {SYNCED} as _fivetran_synced
        from {activities} as a where account_id is not null""")
    con.execute(f"""create or replace table {s}.engagement_contact as
        select distinct {ids_of('engagement', 'activity_id')} as engagement_id,
            {ids_of('contact', 'contact_id')} as contact_id, {SYNCED} as _fivetran_synced
        from {activities} as a where contact_id is not null""")


def write_support(con: duckdb.DuckDBPyConnection) -> None:
    s = SCHEMA
    cases = "(select distinct * from demo_support.cases where case_id is not null)"
    con.execute(f"""create or replace table {s}.ticket_pipeline_stage as
        select status as stage_id, '0' as pipeline_id, status as label,
            {norm('status')} in ('closed', 'solved') as is_closed,
            case when {norm('status')} in ('closed', 'solved') then 'CLOSED' else 'OPEN' end as ticket_state,
            true as active, false as _fivetran_deleted, {SYNCED} as _fivetran_synced
        from (select distinct status from demo_support.cases where status is not null) as st""")
    con.execute(f"""create or replace table {s}.ticket as
        select {ids_of('ticket', 'case_id')} as id, false as is_deleted, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced,
            cast(opened_at as timestamp) as property_createdate, cast(closed_at as timestamp) as property_closed_date,
            '0' as property_hs_pipeline, status as property_hs_pipeline_stage,
            {spelt('priority', TICKET_PRIORITIES)} as property_hs_ticket_priority,
            category as property_hs_ticket_category, upper(channel) as property_source_type,
            cast(is_escalated as boolean) as property_is_escalated,
            cast(csat_score as double) as property_csat_score,
            'Case ' || case_id as property_subject
        from {cases} as c""")
    con.execute(f"""create or replace table {s}.ticket_company as
        select distinct {ids_of('ticket', 'case_id')} as ticket_id, {ids_of('company', 'account_id')} as company_id,
            {SYNCED} as _fivetran_synced
        from {cases} as c where account_id is not null""")
    con.execute(f"""create or replace table {s}.ticket_contact as
        select distinct {ids_of('ticket', 'case_id')} as ticket_id, {ids_of('contact', 'contact_id')} as contact_id,
            {SYNCED} as _fivetran_synced
        from {cases} as c where contact_id is not null""")


def write_marketing(con: duckdb.DuckDBPyConnection) -> None:
    s = SCHEMA
    # the recipient's e-mail address is all HubSpot keeps of the person; a contact the CRM does not know
    # (the demo's orphan references) gets an address no contact has
    con.execute(f"""create or replace table {s}.email_event as
        select e.email_event_id as id, {spelt('e.event_type', EMAIL_EVENT_TYPES)} as type,
            coalesce(c.email, 'unknown-' || lower(e.contact_id) || '@nowhere.example') as recipient,
            {ids_of('email_campaign', 'e.campaign_id')} as email_campaign_id,
            cast(e.occurred_at as timestamp) as created, false as filtered_event, 1 as portal_id, 1 as app_id,
            {SYNCED} as _fivetran_synced
        from (select distinct * from demo_marketing.email_events where email_event_id is not null) as e
        left join (select distinct contact_id, email from demo_crm.contacts) as c on c.contact_id = e.contact_id""")
    con.execute(f"""create or replace table {s}.email_campaign as
        select {ids_of('email_campaign', 'campaign_id')} as id, 'Campaign ' || campaign_id as name,
            'BATCH_EMAIL' as type, 1 as app_id, 'Batch' as app_name, {SYNCED} as _fivetran_synced
        from (select distinct campaign_id from demo_marketing.email_events where campaign_id is not null) as c""")


def write_hubspot(con: duckdb.DuckDBPyConnection, sources=("crm", "support", "marketing")) -> dict:
    """Land the demo as HubSpot for `sources` and the rest in the contract's shape; return the dbt vars.
    With HubSpot as the CRM, the contract-shaped tables name contacts and managers by HubSpot's ids; with
    another CRM (HubSpot for support or marketing only) they keep the CRM's, and HubSpot's contacts are found
    by e-mail."""
    load_demo(con)
    assign_hubspot_ids(con)
    con.execute(f"create schema if not exists {SCHEMA}")
    if "crm" in sources or "support" in sources:
        write_companies_and_contacts(con)
    writers = {"crm": write_crm, "support": write_support, "marketing": write_marketing}
    build_vars: dict = {"hubspot_schema": SCHEMA, "engagement__identity_map_schema": "identity"}
    if "crm" in sources:
        build_vars["engagement__hubspot_owner_attributes"] = True
    rewrite = ID_COLUMNS if "crm" in sources else {}
    for source, tables in CONTRACT_TABLES.items():
        if source in sources:
            writers[source](con)
            build_vars[f"engagement__{source}_connector"] = "hubspot"
        rest = [t for t in tables if not (source in sources and t in YIELDS[source])]
        if rest:
            build_vars[f"{source}_schema"] = copy_contract(con, source, rest, dict(rewrite))
    build_vars.update(land_overrides(con))
    return build_vars
