-- product.usage_events from Segment track calls. event_type: the event name through
-- engagement__segment_event_types (an event not listed is rejected as unmapped_value). feature_name: the
-- engagement__segment_feature_name_column property where the loader flattened it into tracks, else the event name.
-- Account: the call's context_group_id, else the group of the user's latest group call (groups), looked up in the
-- identity map (source_system `segment`) and otherwise taken as the CRM account id itself; no group at all ->
-- unmatched_identity.
{{ config(enabled=connector_is_used('segment')) }}
{%- set tracks_relation = source('segment', 'tracks') %}
{%- set groups_relation = source('segment', 'groups') %}
{%- set tracks_columns = landed_columns(tracks_relation) %}
{%- set groups_columns = landed_columns(groups_relation) %}
{{- require_landed_table(tracks_columns, 'segment', 'tracks', tracks_relation) }}
{%- set has_groups = groups_columns is not none or not execute %}
{%- set event_types = var('engagement__segment_event_types') %}
{%- set text = dbt.type_string() %}
{%- set event_name = 'cast(tracks.event as ' ~ text ~ ')' %}

with tracks as (

    select * from {{ tracks_relation }}

),

identity_map as (

    select
        external_id,
        account_id
    from {{ ref('conn_identity_map') }}
    where source_system = 'segment'

),

user_groups as (

    -- a user's account: the group of their latest group call
    {% if has_groups -%}
    select
        user_id,
        group_id
    from (
        select
            cast(segment_groups.user_id as {{ text }}) as user_id,
            cast(segment_groups.group_id as {{ text }}) as group_id,
            row_number() over (
                partition by cast(segment_groups.user_id as {{ text }})
                order by
                    {{ landed_text(groups_columns, 'timestamp', 'segment_groups') }} desc,
                    cast(segment_groups.id as {{ text }}) desc
            ) as recency
        from {{ groups_relation }} as segment_groups
        where segment_groups.user_id is not null and segment_groups.group_id is not null
    ) as groups_ordered
    where recency = 1
    {%- else -%}
    -- no groups table landed: the account comes only from the calls' context_group_id
    select
        cast(null as {{ text }}) as user_id,
        cast(null as {{ text }}) as group_id
    from (select 1 as no_row) as no_groups_table
    where 1 = 0
    {%- endif %}

),

events_grouped as (

    select
        cast(tracks.id as {{ text }}) as event_id,
        cast(tracks.user_id as {{ text }}) as user_id,
        {{ event_name }} as event_name,
        {{ landed_text(tracks_columns, 'timestamp', 'tracks') }} as occurred_at,
        nullif(trim({{ landed_text(tracks_columns, var('engagement__segment_feature_name_column'), 'tracks') }}), '')
            as feature_property,
        coalesce(
            nullif(trim({{ landed_text(tracks_columns, 'context_group_id', 'tracks') }}), ''), user_groups.group_id
        ) as group_id,
        {{ first_of(landed_deleted_checks(tracks_columns, 'tracks', ["'segment track '", id_text('tracks.id')])
            + [picklist_unmapped_check(event_name, event_types, ["'segment track '", id_text('tracks.id'), "' event'"],
                'event_type', 'engagement__segment_event_types')]) }} as connector_reason
    from tracks
    left join user_groups
        on cast(tracks.user_id as {{ text }}) = user_groups.user_id

),

final as (

    select
        events_grouped.event_id,
        coalesce(identity_map.account_id, events_grouped.group_id) as account_id,
        events_grouped.user_id,
        {{ picklist_value('events_grouped.event_name', event_types) }} as event_type,
        case
            when {{ picklist_value('events_grouped.event_name', event_types) }} = 'feature_use'
                then coalesce(events_grouped.feature_property, events_grouped.event_name)
        end as feature_name,
        events_grouped.occurred_at,
        coalesce(
            events_grouped.connector_reason,
            case
                when events_grouped.group_id is null
                    then {{ dbt.concat(["'unmatched_identity: segment track '", id_text('events_grouped.event_id'),
                        "' of user '", id_text('events_grouped.user_id'),
                        "' has no account (no context_group_id, no group call)'"]) }}
            end
        ) as dq_connector_reason,
        cast(null as {{ text }}) as dq_connector_flag
    from events_grouped
    left join identity_map
        on events_grouped.group_id = identity_map.external_id

)

select * from final
