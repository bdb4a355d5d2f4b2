"""The demo world's support cases as Fivetran lands Zendesk Support (docs/connectors.md, "Zendesk Support"):
organization, user, ticket, ticket_field_history, ticket_tag, satisfaction_rating, with integer ids,
`_fivetran_synced` and `_fivetran_deleted`.

Identities are landed the ways real Zendesk accounts carry them: most organizations hold the CRM account id in
external_id, every fourth one holds none and is found through the identity map (source_system zendesk); requesters
carry the CRM contact id in external_id, except a few matched only by e-mail (EMAIL_ONLY_CONTACTS). Satisfaction
lands as Zendesk's good/bad for 5/1 and as the number for the scores between."""
from __future__ import annotations

SYNCED = "timestamp '2026-11-01 06:00:00'"
# Requesters landed without external_id: found through their e-mail in the CRM contacts.
EMAIL_ONLY_EVERY = 7


def write(con, contract: str, schema: str = "zendesk", identity_schema: str = "identity",
          identity_table: str = "engagement_identity_map") -> None:
    con.execute(f"create schema if not exists {schema}")
    con.execute(f"create schema if not exists {identity_schema}")
    con.execute(f"""create table if not exists {identity_schema}.{identity_table}
                    (source_system varchar, external_id varchar, account_id varchar)""")
    con.execute(f"""create or replace temp table zendesk_org_ids as
                    select account_id, cast(360000000 + row_number() over (order by account_id) as bigint) as id
                    from (select distinct account_id from {contract}.cases where account_id is not null)""")
    con.execute(f"""create or replace temp table zendesk_user_ids as
                    select contact_id, cast(380000000 + row_number() over (order by contact_id) as bigint) as id
                    from (select distinct contact_id from {contract}.cases where contact_id is not null)""")
    con.execute(f"""create or replace temp table zendesk_ticket_ids as
                    select case_id, cast(1000 + dense_rank() over (order by case_id) as bigint) as id
                    from (select distinct case_id from {contract}.cases where case_id is not null)""")
    # contacts whose e-mail finds exactly them (one row, one e-mail): candidates for e-mail-only matching
    con.execute(f"""create or replace temp table zendesk_email_matchable as
                    select contact_id, min(email) as email from {contract}.contacts
                    where contact_id is not null and email is not null
                    group by contact_id having count(*) = 1
                       and min(lower(email)) not in (select lower(email) from {contract}.contacts
                                                     group by lower(email) having count(distinct contact_id) > 1)""")
    con.execute(f"""create or replace table {schema}.organization as
                    select id, 'Organization ' || account_id as name,
                           case when id % 4 = 0 then null else account_id end as external_id,
                           {SYNCED} as _fivetran_synced, false as _fivetran_deleted
                    from zendesk_org_ids""")
    con.execute(f"""insert into {identity_schema}.{identity_table}
                    select 'zendesk', cast(id as varchar), account_id from zendesk_org_ids where id % 4 = 0""")
    con.execute(f"""create or replace table {schema}."user" as
                    select u.id, coalesce(c.full_name, u.contact_id) as name,
                           coalesce(m.email, c.email, lower(u.contact_id) || '@unknown.example') as email,
                           case when m.contact_id is not null and u.id % {EMAIL_ONLY_EVERY} = 0 then null
                                else u.contact_id end as external_id,
                           'end-user' as role, true as active,
                           {SYNCED} as _fivetran_synced, false as _fivetran_deleted
                    from zendesk_user_ids as u
                    left join zendesk_email_matchable as m on u.contact_id = m.contact_id
                    left join (select contact_id, min(full_name) as full_name, min(email) as email
                               from {contract}.contacts group by contact_id) as c on u.contact_id = c.contact_id""")
    con.execute(f"""create or replace table {schema}.ticket as
                    select t.id, c.opened_at as created_at, coalesce(c.closed_at, c.opened_at) as updated_at,
                           o.id as organization_id, u.id as requester_id, c.priority, c.status,
                           c.channel as via_channel, c.category as custom_category, 'Case ' || c.case_id as subject,
                           {SYNCED} as _fivetran_synced, false as _fivetran_deleted
                    from {contract}.cases as c
                    left join zendesk_ticket_ids as t on c.case_id = t.case_id
                    left join zendesk_org_ids as o on c.account_id = o.account_id
                    left join zendesk_user_ids as u on c.contact_id = u.contact_id""")
    con.execute(f"""create or replace table {schema}.ticket_field_history as
                    select t.id as ticket_id, 'status' as field_name, c.opened_at as updated, 'new' as value,
                           {SYNCED} as _fivetran_synced
                    from {contract}.cases as c join zendesk_ticket_ids as t on c.case_id = t.case_id
                    where c.opened_at is not null
                    union all
                    select t.id, 'status', c.closed_at, 'solved', {SYNCED}
                    from {contract}.cases as c join zendesk_ticket_ids as t on c.case_id = t.case_id
                    where c.closed_at is not null""")
    con.execute(f"""create or replace table {schema}.ticket_tag as
                    select distinct t.id as ticket_id, 'escalated' as tag, {SYNCED} as _fivetran_synced
                    from {contract}.cases as c join zendesk_ticket_ids as t on c.case_id = t.case_id
                    where c.is_escalated""")
    con.execute(f"""create or replace table {schema}.satisfaction_rating as
                    select cast(row_number() over (order by t.id) + 500000 as bigint) as id, t.id as ticket_id,
                           case c.csat_score when 5 then 'good' when 1 then 'bad' else cast(c.csat_score as varchar)
                           end as score,
                           coalesce(c.closed_at, c.opened_at) as created_at,
                           coalesce(c.closed_at, c.opened_at) as updated_at,
                           {SYNCED} as _fivetran_synced, false as _fivetran_deleted
                    from {contract}.cases as c join zendesk_ticket_ids as t on c.case_id = t.case_id
                    where c.csat_score is not null""")


def plant_defects(con, schema: str = "zendesk") -> dict[str, str]:
    """A ticket of an organization no account matches, and a deleted ticket: each rejected with its reason.
    Returns {defect: ticket id}."""
    con.execute(f"""insert into {schema}.organization (id, name, external_id, _fivetran_synced, _fivetran_deleted)
                    values (369999999, 'Unknown Prospect Ltd', null, {SYNCED}, false)""")
    con.execute(f"""insert into {schema}.ticket (id, created_at, updated_at, organization_id, requester_id, priority,
                    status, via_channel, subject, _fivetran_synced, _fivetran_deleted)
                    values (990001, timestamp '2026-06-01 09:00:00', timestamp '2026-06-01 09:00:00', 369999999,
                            null, 'normal', 'open', 'email', 'from an organization with no account', {SYNCED}, false),
                           (990002, timestamp '2026-06-02 09:00:00', timestamp '2026-06-02 09:00:00',
                            (select min(id) from {schema}.organization), null, 'normal', 'open', 'email',
                            'deleted since', {SYNCED}, true)""")
    return {"unmatched_identity": "990001", "deleted_in_source": "990002"}
