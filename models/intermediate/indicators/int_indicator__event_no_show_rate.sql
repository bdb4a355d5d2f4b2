-- Involvement (lower is better): recency-weighted share of event and webinar
-- registrations the contact did not attend. A registration counts once it is
-- settled: on the day it was attended, or as a no-show 30 days after it was
-- made (events follow their registration within days; the raw contract has no
-- event date). Null without settled registrations.
{%- set no_show_after_days = 30 %}

with touchpoints as (

    select
        account_id,
        case
            when has_attended then attended_on
            else cast({{ dbt.dateadd('day', no_show_after_days, 'registered_on') }} as date)
        end as settled_on,
        case when has_attended then 0 else 1 end as is_no_show
    from {{ ref('int_event_registrations_attributed') }}

),

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry'),
    date_column='settled_on', value='touchpoints.is_no_show') }}
