{#-
    The cap on any single indicator's share of a score (docs/scoring.md,
    "Weights that follow what is there"). Shares w_1 >= w_2 >= ... >= w_n > 0 of
    one customer-date add up to 1; capped at c they become: the k largest at c,
    the rest scaled by (1 - k c) / (w_(k+1) + ... + w_n), with k the smallest
    number for which no scaled share exceeds c (water-filling: the excess of
    the capped shares flows to the others in proportion to their shares). The
    condition for j = k + 1 is w_j (1 - (j - 1) c) <= c (w_j + ... + w_n). No
    such k exists when n c < 1: too few indicators to keep each under c, so
    they count equally (1 / n). Three steps, each a CTE body built here:
    capped_share_order, capped_share_cut, then the expression capped_share.
-#}

{#- var engagement__max_indicator_share, checked: a share in (0, 1]. -#}
{% macro max_indicator_share() -%}
    {%- set share = var('engagement__max_indicator_share', 0.25) -%}
    {%- if share is not number or share <= 0 or share > 1 -%}
        {{ exceptions.raise_compiler_error("engagement__max_indicator_share must be a share in (0, 1] (1 = no cap), not '"
            ~ share ~ "'") }}
    {%- endif -%}
    {{ return(share) }}
{%- endmacro %}


{#-
    Step 1, a CTE body over `relation`: every row with its position among the
    positive shares of its partition (largest first, ties by `tiebreak`), the
    sum of the shares from its position on, the number of positive shares, and
    whether the cap can start at its position (cap_fits: the condition above,
    with 1e-12 of slack for float noise).
-#}
{% macro capped_share_order(relation, share_column, partition_by, tiebreak, cap) -%}
    {%- set partition = partition_by | join(', ') -%}
    select
        ordered.*,
        ordered.share_position is not null
        and (ordered.share_position - 1) * {{ cap }} < 1
        and ordered.{{ share_column }} * (1 - (ordered.share_position - 1) * {{ cap }})
        <= {{ cap }} * ordered.share_from_position + 1e-12 as cap_fits
    from (
        select
            {{ relation }}.*,
            case when {{ share_column }} > 0 then
                row_number() over (
                    partition by {{ partition }}, case when {{ share_column }} > 0 then 1 else 0 end
                    order by {{ share_column }} desc, {{ tiebreak }} asc
                )
            end as share_position,
            sum(case when {{ share_column }} > 0 then {{ share_column }} else 0 end) over (
                partition by {{ partition }}, case when {{ share_column }} > 0 then 1 else 0 end
                order by {{ share_column }} desc, {{ tiebreak }} asc
                rows between current row and unbounded following
            ) as share_from_position,
            count(case when {{ share_column }} > 0 then 1 end) over (partition by {{ partition }}) as positive_shares
        from {{ relation }}
    ) as ordered
{%- endmacro %}


{#-
    Step 2, a CTE body over step 1: the first position the cap fits at
    (cap_first_uncapped; null when none does) and the sum of the shares from it
    on (cap_uncapped_total).
-#}
{% macro capped_share_cut(relation, partition_by) -%}
    {%- set partition = partition_by | join(', ') -%}
    select
        with_first.*,
        max(case when with_first.share_position = with_first.cap_first_uncapped then with_first.share_from_position end)
            over (partition by {{ partition }}) as cap_uncapped_total
    from (
        select
            {{ relation }}.*,
            min(case when cap_fits then share_position end) over (partition by {{ partition }}) as cap_first_uncapped
        from {{ relation }}
    ) as with_first
{%- endmacro %}


{#- Step 3, the capped share of a row of step 2. -#}
{% macro capped_share(relation, share_column, cap) -%}
    case
        when not {{ relation }}.{{ share_column }} > 0 then 0
        when {{ relation }}.cap_first_uncapped is null then 1 / cast({{ relation }}.positive_shares as {{ type_double() }})
        -- no share above the cap: unchanged (not rescaled by a sum that is 1 up to float noise)
        when {{ relation }}.cap_first_uncapped = 1 then {{ relation }}.{{ share_column }}
        when {{ relation }}.share_position < {{ relation }}.cap_first_uncapped then {{ cap }}
        else
            {{ relation }}.{{ share_column }} * (1 - ({{ relation }}.cap_first_uncapped - 1) * {{ cap }})
            / {{ relation }}.cap_uncapped_total
    end
{%- endmacro %}
