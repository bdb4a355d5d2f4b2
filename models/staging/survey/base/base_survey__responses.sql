-- Every raw survey answer, typed and checked, with its fate (kept / duplicate / rejected).
-- Its survey, its contact and its survey's scale are checked on the kept rows, as its raw
-- contract declares (_survey__sources.yml), by stg_survey__responses.
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(**incremental_by_raw_row_key()) }}
with source as (

    {{ select_raw_source('survey', 'responses') }}

),

normalized as (

    select
        response_id,
        survey_id,
        invitation_id,
        contact_id,
        account_id,
        score,
        comment,
        responded_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source
    {{ raw_rows_to_refresh('responded_at') }}

),

candidates as (

    {{ raw_rows_with_earlier_versions('normalized', ['response_id'], 'responded_at',
        ['response_id', 'survey_id', 'invitation_id', 'contact_id', 'account_id', 'score', 'comment', 'responded_at',
        'dq_unreadable', 'dq_flag']) }}

),

checked as (

    {{ checked_raw_rows('candidates', 'survey', 'responses') }}

),

{{ raw_row_classification('checked', 'survey', 'responses') }},

final as (

    {{ raw_rows_to_store('classified', 'responded_at') }}

)

select * from final
