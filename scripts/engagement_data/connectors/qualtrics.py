"""The demo's surveys as Fivetran's Qualtrics connector lands them, for the adapter tests.

    write_qualtrics(con)

reads the contract-shaped demo (landing.load_demo) and writes, in schema ``qualtrics`` of the same DuckDB file:
survey, question, directory_contact, distribution, distribution_contact, survey_response, question_response.

- Surveys get Qualtrics ids (``SV_...``); an NPS survey has a Net Promoter question (question_type MC, selector
  NPS, the way Qualtrics lands it), a CSAT or CES survey a rating question tagged CSAT / CES: its type is not in
  Qualtrics, so the returned vars name it (engagement__qualtrics_survey_types, by survey name).
- Every person gets a directory contact (``CID_...``) with the CRM e-mail; every third carries the CRM contact id
  as its external data reference (ext_ref), the others are found by e-mail only (both ways the adapter matches).
- An invitation is a distribution contact (a distribution per survey and sending time, as a transactional
  distribution is, ``EMD_...``); a response a
  survey_response (``R_...``) with its score as the value of the score question and its comment as the value of
  a text question tagged ``comment``. A response with no score has no answer row for the score question.
- The demo's planted defects stay: out-of-range scores, missing scores, responses to a survey that does not
  exist. What cannot exist in Qualtrics is not written (exact duplicate rows).

The other sources stay in the contract's shape (contract_<source>, copies of the demo).
"""
from __future__ import annotations

import duckdb

from .landing import assign_ids, copy_contract, ids_of, land_overrides, load_demo

SCHEMA = "qualtrics"
SYNCED = "timestamp '2026-11-01 00:00:00'"
OTHER_SOURCES = {
    "crm": ["accounts", "managers", "contacts", "licenses", "deployments", "product_releases", "opportunities",
            "activities", "wallet_estimates"],
    "support": ["cases"],
    "marketing": ["event_registrations", "email_events", "advocacy"],
    "product": ["usage_events"],
}


def text_id(entity: str, prefix: str, column: str) -> str:
    """A Qualtrics-style text id (prefix + the order-preserving number) for the demo id in `column`."""
    return f"('{prefix}' || lpad(cast({ids_of(entity, column)} as varchar), 6, '0'))"


def write_qualtrics(con: duckdb.DuckDBPyConnection) -> dict:
    """Land the demo's survey source as Qualtrics, the rest as the contract's shape; return the dbt vars."""
    load_demo(con)
    s = SCHEMA
    assign_ids(con, "survey", 0, ["select survey_id from demo_survey.surveys",
                                  "select survey_id from demo_survey.invitations",
                                  "select survey_id from demo_survey.responses"])
    assign_ids(con, "person", 0, ["select contact_id from demo_survey.invitations",
                                  "select contact_id from demo_survey.responses"])
    assign_ids(con, "response", 0, ["select response_id from demo_survey.responses"])
    assign_ids(con, "distribution", 0, [
        "select survey_id || '|' || sent_at from demo_survey.invitations"])
    con.execute(f"create schema if not exists {s}")
    survey_id = text_id("survey", "SV_", "survey_id")
    surveys = "(select distinct * from demo_survey.surveys where survey_id is not null)"
    con.execute(f"""create or replace table {s}.survey as
        select {survey_id} as id, survey_name, 'Active' as survey_status, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced
        from {surveys} as sv""")
    con.execute(f"""create or replace table {s}.question as
        select {survey_id} as survey_id, 'QID1' as id, 'MC' as question_type,
            case when lower(survey_type) = 'nps' then 'NPS' else 'SAVR' end as selector,
            case when lower(survey_type) = 'nps' then 'Q1' else upper(survey_type) end as data_export_tag,
            'How likely are you to recommend us?' as question_text, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced
        from {surveys} as sv
        union all
        select {survey_id}, 'QID2', 'TE', 'ESTB', 'comment', 'Anything else?', false, {SYNCED}
        from {surveys} as sv""")
    person = text_id("person", "CID_", "p.contact_id")
    con.execute(f"""create or replace table {s}.directory_contact as
        select {person} as id, 'POOL_1' as directory_id,
            coalesce(c.email, 'unknown-' || lower(p.contact_id) || '@nowhere.example') as email,
            case when {ids_of('person', 'p.contact_id')} % 3 = 0 then p.contact_id end as ext_ref,
            split_part(c.full_name, ' ', 1) as first_name, {SYNCED} as _fivetran_synced
        from (select distinct contract_id as contact_id from connector_ids.ids where entity = 'person') as p
        left join (select distinct contact_id, email, full_name from demo_crm.contacts) as c
            on c.contact_id = p.contact_id""")
    distribution = text_id("distribution", "EMD_", "i.survey_id || '|' || i.sent_at")
    invitations = "(select distinct * from demo_survey.invitations where invitation_id is not null)"
    con.execute(f"""create or replace table {s}.distribution as
        select {distribution} as id, {text_id('survey', 'SV_', 'i.survey_id')} as survey_link_survey_id,
            'Invite' as request_type, min(cast(i.sent_at as timestamp)) as send_date, false as _fivetran_deleted,
            {SYNCED} as _fivetran_synced
        from {invitations} as i group by all""")
    con.execute(f"""create or replace table {s}.distribution_contact as
        select {distribution} as distribution_id, {text_id('person', 'CID_', 'i.contact_id')} as contact_id,
            cast(i.sent_at as timestamp) as sent_at, {text_id('response', 'R_', 'r.response_id')} as response_id,
            case when r.response_id is null then 'Email sent' else 'Survey finished' end as status,
            {SYNCED} as _fivetran_synced
        from {invitations} as i
        left join (select distinct response_id, invitation_id from demo_survey.responses
                   where invitation_id is not null) as r on r.invitation_id = i.invitation_id""")
    duplicates = con.execute(f"select count(*) - count(distinct (distribution_id, contact_id)) "
                             f"from {s}.distribution_contact").fetchone()[0]
    assert duplicates == 0, "a person invited twice in one distribution: invitation ids would collide"
    responses = "(select distinct * from demo_survey.responses where response_id is not null)"
    con.execute(f"""create or replace table {s}.survey_response as
        select {text_id('response', 'R_', 'r.response_id')} as id, {text_id('survey', 'SV_', 'r.survey_id')} as survey_id,
            cast(r.responded_at as timestamp) as recorded_date, cast(r.responded_at as timestamp) as end_date,
            1 as finished, 100 as progress, 0 as status,
            case when r.invitation_id is null then 'anonymous' else 'email' end as distribution_channel,
            c.email as recipient_email, {SYNCED} as _fivetran_synced
        from {responses} as r
        left join {s}.directory_contact as c on c.id = {text_id('person', 'CID_', 'r.contact_id')}""")
    con.execute(f"""create or replace table {s}.question_response as
        select response_id || '|' || question_id as _fivetran_id, * from (
            select {text_id('response', 'R_', 'r.response_id')} as response_id, 'QID1' as question_id,
                cast(r.score as varchar) as value, {SYNCED} as _fivetran_synced
            from {responses} as r where r.score is not null
            union all
            select {text_id('response', 'R_', 'r.response_id')}, 'QID2', r.comment, {SYNCED}
            from {responses} as r where r.comment is not null
        ) as answers""")
    build_vars = {
        "engagement__survey_connector": "qualtrics",
        "qualtrics_schema": SCHEMA,
        # the survey types Qualtrics does not hold: by survey name (NPS surveys are known by their NPS question)
        "engagement__qualtrics_survey_types": {
            name: kind.lower() for name, kind in con.execute(
                "select survey_name, survey_type from demo_survey.surveys where lower(survey_type) <> 'nps'"
            ).fetchall()},
    }
    for source, tables in OTHER_SOURCES.items():
        build_vars[f"{source}_schema"] = copy_contract(con, source, tables)
    build_vars.update(land_overrides(con))
    return build_vars
