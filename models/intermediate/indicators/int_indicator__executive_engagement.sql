-- Involvement: executive engagement, the recency-weighted count of touchpoints
-- (int_contact_touchpoints_unioned) from contacts with an executive job title:
-- C-level (chief ..., CEO, CFO, CIO, CTO, COO, ...), president or vice
-- president (VP), head of ..., director, founder.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

settings as (

    -- this indicator's row of the registry (its half-life)
    select * from {{ ref('int_indicator_registry') }}
    where indicator = '{{ this_indicator() }}'

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

executives as (

    select contact_id
    from contacts
    where
        lower(trim(job_title)) in ('ceo', 'cfo', 'cio', 'cto', 'coo', 'cmo', 'cro', 'cdo', 'ciso', 'cpo')
        or lower(job_title) like '%chief %'
        or lower(job_title) like '%president%'
        or lower(job_title) like '%vp %'
        or lower(job_title) like 'head of %'
        or lower(job_title) like '%director%'
        or lower(job_title) like '%founder%'

),

touchpoints as (

    select touchpoints.*
    from {{ ref('int_contact_touchpoints_unioned') }} as touchpoints
    inner join executives
        on touchpoints.contact_id = executives.contact_id

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_count', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
