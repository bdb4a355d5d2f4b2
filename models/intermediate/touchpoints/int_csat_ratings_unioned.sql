-- Every satisfaction rating on the 1-5 CSAT scale: support cases rated when
-- closed, and answers to CSAT surveys.
-- A view: one model reads it, so storing it would only add a write (issue #17).
{{ config(materialized=view_materialization()) }}

with case_ratings as (

    select
        {{ dbt.concat(["'case:'", 'case_id']) }} as rating_id,
        account_id,
        'support_case' as rating_source,
        csat_score as score,
        {{ to_date('coalesce(closed_at, opened_at)') }} as rated_on
    from {{ ref('stg_support__cases') }}
    where csat_score is not null

),

survey_ratings as (

    select
        {{ dbt.concat(["'response:'", 'response_id']) }} as rating_id,
        account_id,
        'survey' as rating_source,
        score,
        responded_on as rated_on
    from {{ ref('int_survey_responses_attributed') }}
    where survey_type = 'csat'

),

final as (

    select * from case_ratings
    union all
    select * from survey_ratings

)

select * from final
