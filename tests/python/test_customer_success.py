"""What a CS team acts on, on the demo build: the archetypes land in the lifecycle
stages and get the plays a reader expects, every customer has a play, the movers
add up, and manual overrides sit beside the computed figures."""
import csv

import yaml

from conftest import PROJECT_DIR, query

# movers are named only at this many points or more (dbt_project.yml)
MIN_IMPACT_POINTS = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"][
    "engagement__driver_min_impact_points"]


def archetypes():
    with (PROJECT_DIR / "tests" / "fixtures" / "demo_account_archetypes.csv").open(newline="") as handle:
        return {row["account_id"]: row["archetype"] for row in csv.DictReader(handle)}


def dim_rows(warehouse):
    columns = [r[0] for r in query(warehouse, "select column_name from information_schema.columns "
                                              "where table_schema = 'main_marts' "
                                              "and table_name = 'dim_customer_engagement' "
                                              "order by ordinal_position")]
    rows = query(warehouse, "select * from main_marts.dim_customer_engagement")
    return [dict(zip(columns, row)) for row in rows]


def test_archetypes_get_the_stage_and_play_a_reader_expects(demo_warehouse):
    kinds = archetypes()
    rows = dim_rows(demo_warehouse)

    onboarding = [r for r in rows if r["lifecycle_stage"] == "onboarding"]
    assert len(onboarding) >= 5, "the demo has customers in their first 90 days"
    assert all(kinds[r["account_id"]] == "newly_onboarded" for r in onboarding)
    assert all(r["action_code"].startswith("onboarding_") for r in onboarding), \
        "an onboarding customer gets an onboarding play"
    # a newly onboarded customer in its first 90 days is onboarding
    young = [r for r in rows if kinds[r["account_id"]] == "newly_onboarded"
             and (r["as_of_date"] - r["became_customer_on"]).days < 90]
    assert young and all(r["lifecycle_stage"] == "onboarding" for r in young)

    drifting_before_renewal = [r for r in rows if kinds[r["account_id"]] == "drifting"
                               and r["lifecycle_stage"] == "renewal_due"]
    assert len(drifting_before_renewal) >= 3, "the demo has drifting customers with a renewal ahead"
    assert all(r["action_code"].startswith("renew") and r["owner_role"] == "account_executive"
               or r["action_code"] == "renewal_save"
               for r in drifting_before_renewal), "a drifting customer before renewal gets the renewal play"

    champions_established = [r for r in rows if kinds[r["account_id"]] == "champion"
                             and r["lifecycle_stage"] == "established" and not r["has_override"]]
    assert champions_established
    share = sum(r["action_code"] == "grow_and_advocate" for r in champions_established) / len(champions_established)
    assert share >= 0.8, "engaged, established customers are asked to advocate"


def test_renewal_due_matches_the_days_to_renewal(demo_warehouse):
    for r in dim_rows(demo_warehouse):
        within = r["days_to_renewal"] is not None and r["days_to_renewal"] <= 90
        assert (r["lifecycle_stage"] == "renewal_due") == (within or r["has_open_renewal"]), r["account_id"]


def test_every_customer_has_a_play_and_a_stage(demo_warehouse):
    for r in dim_rows(demo_warehouse):
        for column in ("lifecycle_stage", "action_code", "recommended_action", "owner_role",
                       "action_priority", "playbook_match", "band_in_force"):
            assert r[column] is not None, (r["account_id"], column)


def test_movers_name_the_largest_changes_and_add_up(demo_warehouse):
    changes = {}
    for account_id, indicator, change in query(demo_warehouse, """
            select account_id, indicator, contribution_change_points
            from main_marts.fct_customer_indicator_scores where is_current"""):
        changes.setdefault(account_id, {})[indicator] = change
    checked = 0
    for r in dim_rows(demo_warehouse):
        if r["score_change"] is None:
            assert r["score_movers"] is None
            continue
        by_indicator = changes[r["account_id"]]
        assert abs(sum(by_indicator.values()) - r["score_change"]) < 1e-9
        expected = sorted(((abs(v), k) for k, v in by_indicator.items() if round(abs(v), 9) >= MIN_IMPACT_POINTS),
                          key=lambda t: (-t[0], t[1]))[:3]
        assert [r["top_mover_1"], r["top_mover_2"], r["top_mover_3"]][:len(expected)] == [k for _, k in expected]
        total = f"{r['score_change']:+.1f}"
        assert r["score_movers"].split(":")[0] in (total, total.replace("-0.0", "+0.0")), r["score_movers"]
        checked += 1
    assert checked > 100


def test_overrides_sit_beside_the_computed_figures(demo_warehouse):
    rows = {r["account_id"]: r for r in dim_rows(demo_warehouse)}
    fct = {a: (s, b) for a, s, b in query(demo_warehouse, """
        select account_id, engagement_score, band from main_marts.fct_customer_engagement where is_current""")}
    overridden = [r for r in rows.values() if r["has_override"]]
    assert overridden, "the demo ships overrides in force"
    for r in overridden:
        assert (r["engagement_score"], r["band"]) == fct[r["account_id"]], "an override changed the computed score"
        assert r["band_in_force"] == r["override_band"]
    for r in rows.values():
        if not r["has_override"]:
            assert r["band_in_force"] == r["band"] and r["override_band"] is None

    statuses = {(a, s, reason) for a, s, reason in query(demo_warehouse, """
        select account_id, override_status, status_reason from main_data_quality.dq_manual_overrides""")}
    # the demo's planted bad rows are each visible with their reason
    assert ("ACC-99999", "rejected", "unknown_account") in statuses
    assert ("ACC-00009", "rejected", "unknown_band") in statuses
    assert ("ACC-00008", "expired", "expired") in statuses
    assert ("ACC-00003", "duplicate", "superseded_by_a_later_override") in statuses
    assert not rows["ACC-00008"]["has_override"], "an expired override still applies"
