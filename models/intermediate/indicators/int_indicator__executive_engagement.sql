-- Involvement: executive engagement, the recency-weighted count of touchpoints
-- (int_contact_touchpoints_unioned) from contacts with an executive job title:
-- C-level (chief ..., CEO, CFO, CIO, CTO, COO, ...), president or vice
-- president (VP), head of ..., director, founder.
with contacts as (

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

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
