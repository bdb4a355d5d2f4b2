-- Every raw survey invitation, typed and checked, with its fate (kept / duplicate / rejected).
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(**incremental_by_raw_row_key()) }}
with source as (

    {{ select_raw_source('survey', 'invitations') }}

),

normalized as (

    select
        invitation_id,
        survey_id,
        contact_id,
        account_id,
        sent_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source
    {{ raw_rows_to_refresh('sent_at') }}

),

candidates as (

    {{ raw_rows_with_earlier_versions('normalized', ['invitation_id'], 'sent_at',
        ['invitation_id', 'survey_id', 'contact_id', 'account_id', 'sent_at',
        'dq_unreadable', 'dq_flag']) }}

),

checked as (

    {{ checked_raw_rows('candidates', 'survey', 'invitations') }}

),

{{ raw_row_classification('checked', 'survey', 'invitations') }},

final as (

    {{ raw_rows_to_store('classified', 'sent_at') }}

)

select * from final
