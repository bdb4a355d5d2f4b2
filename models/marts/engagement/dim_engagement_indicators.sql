-- The indicator registry as analysts and BI tools read it: one row per indicator.
with registry as (

    select * from {{ ref('int_indicator_registry') }}

),

final as (

    select * from registry

)

select * from final
