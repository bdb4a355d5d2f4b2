-- Every raw survey invitation, typed and checked, with its fate (kept / duplicate / rejected).
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(**incremental_by_raw_row_key()) }}
with source as (

    {{ select_raw_source('survey', 'invitations') }}

),

surveys as (

    select survey_id from {{ ref('stg_survey__surveys') }}

),

contacts as (

    select contact_id from {{ ref('stg_crm__contacts') }}

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

    select
        candidates.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['invitation_id', 'candidates.survey_id', 'candidates.contact_id', 'sent_at']) }}
            {{- reject_future(['sent_at']) }}
            {{- reject_orphan('candidates.survey_id', 'surveys.survey_id', 'surveys') }}
            {{- reject_orphan('candidates.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from candidates
    left join surveys
        on candidates.survey_id = surveys.survey_id
    left join contacts
        on candidates.contact_id = contacts.contact_id

),

{{ classify_raw_rows('checked', ['invitation_id'], 'sent_at') }}

select * from classified
