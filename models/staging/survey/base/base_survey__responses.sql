-- Every raw survey answer, typed and checked, with its fate (kept / duplicate / rejected).
-- A score outside its survey's scale is rejected, not clamped.
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(**incremental_by_raw_row_key()) }}
with source as (

    {{ select_raw_source('survey', 'responses') }}

),

surveys as (

    select
        survey_id,
        survey_type
    from {{ ref('stg_survey__surveys') }}

),

contacts as (

    select contact_id from {{ ref('stg_crm__contacts') }}

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

scaled as (

    select
        candidates.*,
        surveys.survey_id as known_survey_id,
        surveys.survey_type,
        {{ survey_scale_bound('surveys.survey_type', 'min') }} as scale_min,
        {{ survey_scale_bound('surveys.survey_type', 'max') }} as scale_max
    from candidates
    left join surveys
        on candidates.survey_id = surveys.survey_id

),

checked as (

    select
        scaled.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['response_id', 'scaled.survey_id', 'scaled.contact_id', 'responded_at', 'score']) }}
            {{- reject_future(['responded_at']) }}
            {{- reject_orphan('scaled.survey_id', 'known_survey_id', 'surveys') }}
            {{- reject_orphan('scaled.contact_id', 'contacts.contact_id', 'contacts') }}
            when scaled.score < scaled.scale_min or scaled.score > scaled.scale_max
                then {{ dbt.concat(["'out_of_range: score '", "cast(score as " ~ dbt.type_string() ~ ")",
                    "' outside the '", "survey_type", "' scale'"]) }}
        end as dq_reason
    from scaled
    left join contacts
        on scaled.contact_id = contacts.contact_id

),

{{ classify_raw_rows('checked', ['response_id'], 'responded_at') }}

select * from classified
