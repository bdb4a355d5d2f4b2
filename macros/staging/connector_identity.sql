{#-
    `when` branch (for first_of) rejecting a row whose reference to another
    system's record matches nothing here, as
    `unmatched_identity: <what>: <external_what> <id> matches no <matched_what>`,
    e.g. `unmatched_identity: hubspot contact 123: hubspot company 456 matches no account`.
    `external_id` is the id as landed, `matched_id` the id it resolved to (null
    when nothing matched); a row with no reference at all is not unmatched (the
    base model's missing check names it when the column is required).
-#}
{% macro unmatched_identity_check(external_id, matched_id, what, external_what, matched_what='account') -%}
    when {{ external_id }} is not null and {{ matched_id }} is null
        then {{ dbt.concat(["'unmatched_identity: '"] + what + ["': " ~ external_what ~ " '", id_text(external_id),
            "' matches no " ~ matched_what ~ "'"]) }}
{%- endmacro %}
