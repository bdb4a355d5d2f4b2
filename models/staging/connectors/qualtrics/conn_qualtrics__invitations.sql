-- survey.invitations from Qualtrics distribution contacts: one invitation per distribution and contact (its id
-- `<distribution id>:<contact id>`), for the distribution's survey, sent when the contact was sent it (else when
-- the distribution was). The person is the CRM contact conn_qualtrics__contact_matches finds (external data
-- reference, else e-mail); one it does not find is rejected as unmatched_identity. The account is found through
-- the contact, as the contract allows. Invitations of a deleted distribution are rejected as deleted_in_source.
{{ config(enabled=source_connector('survey') == 'qualtrics' and source_is_used('survey')) }}
{%- set recipient_relation = source('qualtrics', 'distribution_contact') %}
{%- set distribution_relation = source('qualtrics', 'distribution') %}
{%- set columns = landed_columns(recipient_relation) %}
{%- set distribution_columns = landed_columns(distribution_relation) %}
{{- require_landed_table(columns, 'qualtrics', 'distribution_contact', recipient_relation) }}
{{- require_landed_table(distribution_columns, 'qualtrics', 'distribution', distribution_relation) }}
{%- set invitation_id = dbt.concat(['cast(distribution_contact.distribution_id as ' ~ dbt.type_string() ~ ')', "':'",
    'cast(distribution_contact.contact_id as ' ~ dbt.type_string() ~ ')']) %}
{%- set what = ["'qualtrics invitation '", id_text(invitation_id)] %}

with distribution_contact as (

    select * from {{ recipient_relation }}

),

distribution as (

    select * from {{ distribution_relation }}

),

contact_matches as (

    select * from {{ ref('conn_qualtrics__contact_matches') }}

),

final as (

    select
        {{ invitation_id }} as invitation_id,
        {{ landed_text(distribution_columns, 'survey_link_survey_id', 'distribution') }} as survey_id,
        contact_matches.contact_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        coalesce(
            {{ landed_text(columns, 'sent_at', 'distribution_contact') }},
            {{ landed_text(distribution_columns, 'send_date', 'distribution') }}
        ) as sent_at,
        {{ first_of(
            landed_deleted_checks(distribution_columns, 'distribution', what)
            + [unmatched_identity_check('cast(distribution_contact.contact_id as ' ~ dbt.type_string() ~ ')',
                'contact_matches.contact_id', what, 'qualtrics contact', 'contact (by external reference or e-mail)')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from distribution_contact
    left join distribution
        on
            cast(distribution_contact.distribution_id as {{ dbt.type_string() }})
            = cast(distribution.id as {{ dbt.type_string() }})
    left join contact_matches
        on cast(distribution_contact.contact_id as {{ dbt.type_string() }}) = contact_matches.qualtrics_contact_id

)

select * from final
