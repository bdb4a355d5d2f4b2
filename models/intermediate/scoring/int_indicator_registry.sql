-- The indicator registry (var engagement__indicators), one row per indicator.
with registry as (

    {{ indicator_registry_rows() }}

),

final as (

    select * from registry

)

select * from final
