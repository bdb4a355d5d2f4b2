-- Every raw opportunity row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'opportunities') }}

),

normalized as (

    select
        opportunity_id,
        account_id,
        {{ normalize_enum('opportunity_type') }} as opportunity_type,
        {{ null_if_negative('amount') }} as amount,
        stage,
        coalesce(is_won, false) as is_won,
        coalesce(is_closed, false) or coalesce(is_won, false) as is_closed,
        created_at,
        closed_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        {{ flag_negative(['amount']) }} as dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'crm', 'opportunities') }}

),

{{ raw_row_classification('checked', 'crm', 'opportunities') }}

select * from classified
