"""The demo world's product usage as Segment lands it in a warehouse (docs/connectors.md, "Segment"): `tracks`
(id, user_id, event, event_text, timestamp, received_at, sent_at, uuid_ts, context_group_id, and the feature as a
flattened `feature_name` property) and `groups` (group calls).

Accounts are landed the ways Segment setups carry them: most calls carry the CRM account id in context_group_id;
every sixth account is known to Segment by a group id of its own, mapped in the identity map (source_system
segment); the users of every tenth account make no context_group_id at all and are tied to it by a group call."""
from __future__ import annotations

from .salesforce import normalized

EVENT_NAMES = {"login": "Signed In", "feature_use": "Feature Used"}


def write(con, contract: str, schema: str = "segment", identity_schema: str = "identity",
          identity_table: str = "engagement_identity_map") -> None:
    con.execute(f"create schema if not exists {schema}")
    con.execute(f"create schema if not exists {identity_schema}")
    con.execute(f"""create table if not exists {identity_schema}.{identity_table}
                    (source_system varchar, external_id varchar, account_id varchar)""")
    con.execute(f"""create or replace temp table segment_accounts as
                    select account_id, n,
                           case when n % 6 = 0 then 'grp_' || lpad(cast(n as varchar), 6, '0') else account_id end
                               as group_id,
                           n % 10 = 0 as by_group_call
                    from (select account_id, row_number() over (order by account_id) as n
                          from (select distinct account_id from {contract}.usage_events where account_id is not null))""")
    # users whose every event names an account: the ones a group call can stand for
    con.execute(f"""create or replace temp table segment_grouped_users as
                    select e.user_id, min(a.group_id) as group_id, min(e.occurred_at) as first_seen
                    from {contract}.usage_events as e join segment_accounts as a on e.account_id = a.account_id
                    where a.by_group_call and e.user_id is not null
                      and e.user_id not in (select user_id from {contract}.usage_events
                                            where account_id is null and user_id is not null)
                    group by e.user_id""")
    con.execute(f"""insert into {identity_schema}.{identity_table}
                    select 'segment', group_id, account_id from segment_accounts where group_id <> account_id""")
    labels = " ".join(f"when '{value}' then '{name}'" for value, name in EVENT_NAMES.items())
    con.execute(f"""create or replace table {schema}.tracks as
                    select e.event_id as id, e.user_id, cast(null as varchar) as anonymous_id,
                           coalesce(case {normalized('e.event_type')} {labels} end, e.event_type) as event,
                           coalesce(case {normalized('e.event_type')} {labels} end, e.event_type) as event_text,
                           e.feature_name, e.occurred_at as "timestamp", e.occurred_at as original_timestamp,
                           e.occurred_at as sent_at, e.occurred_at + interval 2 second as received_at,
                           e.occurred_at + interval 1 hour as uuid_ts,
                           case when g.user_id is not null then null else a.group_id end as context_group_id
                    from {contract}.usage_events as e
                    left join segment_accounts as a on e.account_id = a.account_id
                    left join segment_grouped_users as g on e.user_id = g.user_id""")
    con.execute(f"""create or replace table {schema}.groups as
                    select 'grpcall-' || user_id as id, user_id, group_id, first_seen as "timestamp",
                           first_seen + interval 1 hour as uuid_ts
                    from segment_grouped_users""")


def plant_defects(con, schema: str = "segment") -> dict[str, str]:
    """A track call of a user no group call or context ties to an account, and one whose event no mapping
    knows: each rejected with its reason. Returns {defect: event id}."""
    con.execute(f"""insert into {schema}.tracks (id, user_id, event, event_text, "timestamp", uuid_ts, context_group_id)
                    values ('seg-orphan-0001', 'anonymous-visitor-1', 'Signed In', 'Signed In',
                            timestamp '2026-06-01 09:00:00', timestamp '2026-06-01 10:00:00', null),
                           ('seg-unmapped-0001', 'anonymous-visitor-2', 'Invoice Downloaded', 'Invoice Downloaded',
                            timestamp '2026-06-01 09:00:00', timestamp '2026-06-01 10:00:00',
                            (select min(context_group_id) from {schema}.tracks))""")
    return {"unmatched_identity": "seg-orphan-0001", "unmapped_value": "seg-unmapped-0001"}
