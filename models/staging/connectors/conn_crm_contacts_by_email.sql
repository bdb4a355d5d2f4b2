-- The CRM contact an e-mail address stands for, for the adapters that know a
-- person by address only (HubSpot e-mail events, and tickets beside another
-- CRM; Zendesk requesters; Qualtrics respondents and directory contacts): one
-- row per address, trimmed and lowercased; several contacts sharing one: the
-- lowest contact_id (docs/connectors.md). Whichever connector feeds the CRM,
-- its clean contacts (stg_crm__contacts) are read.
{{ config(enabled=connector_is_used('hubspot') or connector_is_used('zendesk') or connector_is_used('qualtrics')) }}

with contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

final as (

    select
        lower(trim(email)) as email,
        min(contact_id) as contact_id
    from contacts
    where email is not null
    group by lower(trim(email))

)

select * from final
