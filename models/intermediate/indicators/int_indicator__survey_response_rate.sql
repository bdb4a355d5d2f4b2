-- Involvement: recency-weighted share of survey invitations answered by the as-of date,
-- each invitation weighted by when it was sent. Null without invitations.
with touchpoints as (

    select
        account_id,
        sent_on as touched_on,
        -- answered_on is compared with the as-of date in the final step
        answered_on
    from {{ ref('int_survey_invitations_attributed') }}

),

weighted as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator()),
        'case when touchpoints.answered_on <= population.as_of_date then 1 else 0 end') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
