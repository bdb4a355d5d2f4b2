"""Write the engagement report: ONE self-contained HTML file a CS lead opens in a browser.

Reads the published marts (scripts/publish.py), never the warehouse dbt writes.
Charts are Altair (Vega-Lite) with the Vega JavaScript inlined from
vl-convert-python, so the file opens without a network. Sections:

  - the book today: customers, contract value, scores, bands, alerts;
  - the book's score and bands over time;
  - band distribution and movement since the previous period;
  - score distribution;
  - manager league table (scores tied to pay drift up: read with care);
  - alerted customers, with drivers and recommended action;
  - churn rate by band and calibration of churn risk (from the backtest marts
    fct_score_backtest / fct_score_backtest_bins and the column
    dim_customer_engagement.churn_risk_pct, when the warehouse has them;
    otherwise the section says they are not available).

    python scripts/report.py                    # -> warehouse/report/engagement_report.html
    python scripts/report.py --published P --output out.html
"""
import argparse
import datetime as dt
import html
import json
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert

from engagement_tools.published_marts import BAND_COLOURS, BAND_LABELS, BANDS, MARTS, PROJECT_DIR, Marts

DEFAULT_OUTPUT = PROJECT_DIR / "warehouse" / "report" / "engagement_report.html"
BAND_SCALE = alt.Scale(domain=[BAND_LABELS[b] for b in BANDS], range=[BAND_COLOURS[b] for b in BANDS])
TOTAL = f"{MARTS}.fct_book_of_business_engagement"


def esc(value):
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def fmt_num(value, digits=1):
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{digits}f}"


def fmt_money(value):
    if value is None or pd.isna(value):
        return "–"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.1f}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:,.0f}k"
    return f"{value:,.0f}"


def fmt_change(value, digits=1):
    if value is None or pd.isna(value):
        return "–"
    if round(value, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{value:+,.{digits}f}"


def pretty(name):
    return "" if name is None or (isinstance(name, float) and pd.isna(name)) else str(name).replace("_", " ")


def table_html(frame, columns, css_class="data"):
    """An HTML table of `frame`: columns is a list of (column, header, formatter)."""
    head = "".join(f"<th>{esc(header)}</th>" for _, header, _ in columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column, _, formatter in columns:
            value = record.get(column)
            cell = formatter(value) if formatter else esc(value)
            cells.append(f"<td>{cell}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def band_badge(band):
    if band is None or (isinstance(band, float) and pd.isna(band)):
        return "–"
    colour = BAND_COLOURS.get(band, "#607d8b")
    return f'<span class="badge" style="background:{colour}">{esc(BAND_LABELS.get(band, band))}</span>'


# --- the data the report shows ------------------------------------------------------------


def load(marts):
    """Every figure the report shows, as data frames (the test compares them to the marts)."""
    data = {}
    data["book"] = marts.df(f"select * from {TOTAL} where breakdown = 'total' order by as_of_date")
    data["book_current"] = data["book"][data["book"]["is_current"]].iloc[0]
    previous = data["book"][data["book"]["period_index"] == 1]
    data["book_previous"] = previous.iloc[0] if len(previous) else None
    data["customers"] = marts.df(f"select * from {MARTS}.dim_customer_engagement")
    data["movement"] = marts.df(
        f"""
        select coalesce(previous_band, 'new') as previous_band, band, count(*) as customers
        from {MARTS}.fct_customer_engagement
        where is_current
        group by all
        """
    )
    data["managers"] = marts.df(
        f"""
        select * from {MARTS}.fct_manager_engagement
        where is_current and scope = 'direct'
        order by contract_weighted_score desc nulls last, manager_name
        """
    )
    data["alerted"] = marts.df(
        f"""
        select * from {MARTS}.dim_customer_engagement
        where is_alerted
        order by action_priority nulls last, annual_contract_value desc nulls last, account_name
        """
    )
    data["backtest"] = marts.df(f"select * from {MARTS}.fct_score_backtest") \
        if marts.has_table("fct_score_backtest") else None
    data["bins"] = marts.df(f"select * from {MARTS}.fct_score_backtest_bins") \
        if marts.has_table("fct_score_backtest_bins") else None
    data["has_churn_risk"] = marts.has_column("dim_customer_engagement", "churn_risk_pct")
    data["manifest"] = marts.manifest()
    return data


# --- charts -----------------------------------------------------------------------------


def chart_book_over_time(book):
    frame = book[["as_of_date", "contract_weighted_score", "mean_score"]].melt(
        "as_of_date", var_name="measure", value_name="score"
    )
    frame["measure"] = frame["measure"].map(
        {"contract_weighted_score": "Contract-weighted score", "mean_score": "Mean score"}
    )
    return (
        alt.Chart(frame, title="Engagement score of the book")
        .mark_line(point=True)
        .encode(
            x=alt.X("as_of_date:T", title=None),
            y=alt.Y("score:Q", title="Score (0-100)", scale=alt.Scale(zero=False)),
            color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("as_of_date:T", title="As of"), "measure:N", alt.Tooltip("score:Q", format=".1f")],
        )
        .properties(width=460, height=240)
    )


def chart_bands_over_time(book):
    rows = []
    for record in book.to_dict("records"):
        for band in BANDS:
            rows.append({
                "as_of_date": record["as_of_date"],
                "band": BAND_LABELS[band],
                "order": BANDS.index(band),
                "customers": record[f"{band}_customers"],
                "pct": record.get(f"{band}_customers_pct"),
            })
    frame = pd.DataFrame(rows)
    return (
        alt.Chart(frame, title="Customers per band")
        .mark_area()
        .encode(
            x=alt.X("as_of_date:T", title=None),
            y=alt.Y("customers:Q", title="Customers", stack="zero"),
            color=alt.Color("band:N", scale=BAND_SCALE, title=None, legend=alt.Legend(orient="bottom")),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("as_of_date:T", title="As of"), "band:N", "customers:Q",
                     alt.Tooltip("pct:Q", title="% of customers", format=".1f")],
        )
        .properties(width=460, height=240)
    )


def chart_movement(movement):
    frame = movement.copy()
    label = dict(BAND_LABELS, new="New customer")
    frame["from"] = frame["previous_band"].map(lambda b: label.get(b, b))
    frame["to"] = frame["band"].map(lambda b: label.get(b, b))
    order = [label[b] for b in BANDS]
    base = alt.Chart(frame, title="Band movement since the previous period (customers)").encode(
        x=alt.X("to:N", title="Band now", sort=order, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("from:N", title="Band in the previous period", sort=order + ["New customer"]),
    )
    heat = base.mark_rect().encode(
        color=alt.Color("customers:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["from:N", "to:N", "customers:Q"],
    )
    text = base.mark_text(fontSize=14).encode(
        text="customers:Q",
        color=alt.condition(alt.datum.customers > frame["customers"].max() / 2, alt.value("white"), alt.value("black")),
    )
    return (heat + text).properties(width=360, height=220)


def chart_score_distribution(customers):
    frame = customers[customers["engagement_score"].notna()][["engagement_score", "band"]].copy()
    frame["band"] = frame["band"].map(lambda b: BAND_LABELS.get(b, b))
    return (
        alt.Chart(frame, title="Score distribution today")
        .mark_bar()
        .encode(
            x=alt.X("engagement_score:Q", bin=alt.Bin(step=5, extent=[0, 100]), title="Engagement score"),
            y=alt.Y("count():Q", title="Customers"),
            color=alt.Color("band:N", scale=BAND_SCALE, title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("count():Q", title="Customers"), "band:N"],
        )
        .properties(width=460, height=240)
    )


def engagement_rows(frame, **equal):
    """Rows of a backtest mart for the engagement score over every customer, pooled
    over the observed dates; None when the mart or a column is missing."""
    equal = {"score_name": "engagement_score", "is_pooled": True, "segment": "all", **equal}
    if frame is None or any(column not in frame.columns for column in equal):
        return None
    mask = pd.Series(True, index=frame.index)
    for column, value in equal.items():
        mask &= frame[column] == value
    rows = frame[mask]
    return rows if len(rows) else None


def churn_by_band_frame(bins):
    """Churn rate (%) per band and horizon, from fct_score_backtest_bins."""
    rows = engagement_rows(bins, bin_type="band")
    if rows is None or not {"bin", "horizon_days", "churn_rate", "customers"} <= set(rows.columns):
        return None
    frame = rows[["bin", "horizon_days", "customers", "churn_rate"]].copy()
    frame["churn_rate_pct"] = 100 * frame["churn_rate"]
    return frame


def chart_churn_by_band(frame):
    data = frame.copy()
    data["band_label"] = data["bin"].map(lambda b: BAND_LABELS.get(b, b))
    data["horizon"] = data["horizon_days"].map(lambda d: f"within {int(d)} days")
    return (
        alt.Chart(data, title="Past churn rate by band (backtest, pooled over past dates)")
        .mark_bar()
        .encode(
            x=alt.X("band_label:N", title=None, sort=[BAND_LABELS[b] for b in BANDS], axis=alt.Axis(labelAngle=0)),
            y=alt.Y("churn_rate_pct:Q", title="Churned (%)"),
            color=alt.Color("band_label:N", scale=BAND_SCALE, legend=None),
            column=alt.Column("horizon:N", title=None,
                              sort=[f"within {d} days" for d in sorted(data["horizon_days"].astype(int).unique())]),
            tooltip=["band_label:N", "horizon:N", alt.Tooltip("churn_rate_pct:Q", format=".1f", title="churned %"),
                     alt.Tooltip("customers:Q", title="customer-dates")],
        )
        .properties(width=180, height=200)
    )


def churn_auc_text(backtest):
    rows = engagement_rows(backtest, outcome="churned")
    if rows is None or not {"horizon_days", "auc", "base_rate"} <= set(rows.columns):
        return ""
    parts = [f"within {int(r.horizon_days)} days: AUC <b>{fmt_num(r.auc, 2)}</b>, "
             f"base churn rate {fmt_num(100 * r.base_rate)}%"
             for r in rows.sort_values("horizon_days").itertuples()]
    return ('<p id="churn-auc">How well the engagement score ranks the customers who churned '
            f"(AUC: 0.5 is chance, 1 perfect): {'; '.join(parts)}.</p>")


def calibration_frame(bins):
    """Observed churn (%) per score decile, at the longest horizon, from fct_score_backtest_bins."""
    rows = engagement_rows(bins, bin_type="decile")
    if rows is None or not {"min_score", "max_score", "churn_rate", "horizon_days"} <= set(rows.columns):
        return None
    rows = rows[rows["horizon_days"] == rows["horizon_days"].max()]
    frame = rows[["bin", "min_score", "max_score", "customers", "churn_rate", "horizon_days"]].copy()
    frame["churn_rate_pct"] = 100 * frame["churn_rate"]
    return frame


def chart_calibration(deciles, customers):
    """Observed churn of past customers by score decile (bars spanning each decile's
    scores), with today's customers at their churn risk (points)."""
    layers = []
    if deciles is not None:
        horizon = int(deciles["horizon_days"].iloc[0])
        layers.append(
            alt.Chart(deciles).mark_rect(opacity=0.35, color="#3f6fb5").encode(
                x=alt.X("min_score:Q", title="Engagement score", scale=alt.Scale(domain=[0, 100])),
                x2="max_score:Q",
                y=alt.Y("churn_rate_pct:Q", title="Churn (%)"),
                y2=alt.datum(0),
                tooltip=[alt.Tooltip("bin:N", title="decile"), alt.Tooltip("min_score:Q", format=".1f"),
                         alt.Tooltip("max_score:Q", format=".1f"),
                         alt.Tooltip("churn_rate_pct:Q", format=".1f", title=f"churned within {horizon} days %"),
                         alt.Tooltip("customers:Q", title="customer-dates")],
            )
        )
    if customers is not None and "churn_risk_pct" in customers.columns:
        frame = customers[customers["churn_risk_pct"].notna()][
            ["account_name", "engagement_score", "churn_risk_pct", "band"]].copy()
        frame["band"] = frame["band"].map(lambda b: BAND_LABELS.get(b, b))
        layers.append(
            alt.Chart(frame).mark_circle(size=45, opacity=0.8).encode(
                x=alt.X("engagement_score:Q", title="Engagement score", scale=alt.Scale(domain=[0, 100])),
                y=alt.Y("churn_risk_pct:Q", title="Churn (%)"),
                color=alt.Color("band:N", scale=BAND_SCALE, title="Today's customers",
                                legend=alt.Legend(orient="bottom")),
                tooltip=["account_name:N", alt.Tooltip("engagement_score:Q", format=".1f"),
                         alt.Tooltip("churn_risk_pct:Q", format=".1f", title="churn risk %")],
            )
        )
    return alt.layer(*layers, title="Calibration: past churn by score decile (bars), today's churn risk (points)"
                     ).properties(width=460, height=240)


# --- the page ---------------------------------------------------------------------------

STYLE = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2933;
       margin: 0; background: #f4f6f8; }
header { background: #1f3a5f; color: white; padding: 20px 32px; }
header h1 { margin: 0 0 4px 0; font-size: 24px; }
header p { margin: 0; opacity: 0.85; }
main { padding: 16px 32px 48px 32px; max-width: 1280px; }
section { background: white; border-radius: 8px; padding: 16px 20px; margin: 16px 0;
          box-shadow: 0 1px 3px rgba(0,0,0,0.08); }
section h2 { margin: 0 0 8px 0; font-size: 18px; color: #1f3a5f; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.kpi { background: white; border-radius: 8px; padding: 12px 16px;
       box-shadow: 0 1px 3px rgba(0,0,0,0.08); }
.kpi .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #52606d; }
.kpi .value { font-size: 26px; font-weight: 600; margin-top: 4px; }
.kpi .delta { font-size: 13px; color: #52606d; }
.row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.chart { min-height: 120px; }
table.data { border-collapse: collapse; font-size: 13px; width: 100%; }
table.data th { text-align: left; background: #eef2f6; padding: 6px 8px; position: sticky; top: 0; }
table.data td { padding: 5px 8px; border-top: 1px solid #e4e7eb; vertical-align: top; }
.badge { color: white; border-radius: 10px; padding: 1px 8px; font-size: 12px; white-space: nowrap; }
.note { background: #fff8e1; border-left: 4px solid #f9a825; padding: 8px 12px; font-size: 13px; margin: 8px 0; }
.muted { color: #7b8794; font-size: 12px; }
.scroll { max-height: 520px; overflow: auto; }
.league td { white-space: nowrap; }
.bar { position: relative; width: 160px; height: 18px; background: #eef2f6; border-radius: 3px; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #7fa7d9; border-radius: 3px; }
.bar .num { position: relative; padding-left: 6px; font-weight: 600; line-height: 18px; }
.up { color: #2e7d32; } .down { color: #c62828; }
"""


def signed_class(value):
    if value is None or pd.isna(value) or round(value, 1) == 0:
        return ""
    return "up" if value > 0 else "down"


def score_bar(value):
    """A score with a bar of its length (0-100)."""
    if value is None or pd.isna(value):
        return "–"
    width = max(0.0, min(100.0, float(value)))
    return (f'<div class="bar"><span class="fill" style="width:{width:.0f}%"></span>'
            f'<span class="num">{fmt_num(value)}</span></div>')


def kpi(label, value, delta=None):
    delta_html = f'<div class="delta">{delta}</div>' if delta else ""
    return f'<div class="kpi"><div class="label">{esc(label)}</div><div class="value">{value}</div>{delta_html}</div>'


def build_html(data, charts_js_bundle):
    current, previous = data["book_current"], data["book_previous"]
    charts = {}
    sections = []

    def chart(name, spec):
        charts[name] = spec.to_dict()
        return f'<div class="chart" id="chart-{name}"></div>'

    def delta_of(column, digits=1, suffix=""):
        if previous is None:
            return None
        change = current[column] - previous[column]
        return f'<span class="{signed_class(change)}">{fmt_change(change, digits)}{suffix}</span> since {previous["as_of_date"]:%Y-%m-%d}'

    as_of = pd.Timestamp(current["as_of_date"]).date()
    kpis = [
        kpi("Customers", f'{int(current["customers"]):,}', delta_of("customers", 0)),
        kpi("Contract value", fmt_money(current["total_contract_value"])),
        kpi("Contract-weighted score", fmt_num(current["contract_weighted_score"]), delta_of("contract_weighted_score")),
        kpi("Mean score", fmt_num(current["mean_score"]), delta_of("mean_score")),
        kpi("Engaged", f'{int(current["engaged_customers"]):,} <span class="muted">({fmt_num(current["engaged_customers_pct"])}%)</span>'),
        kpi("At risk", f'{int(current["at_risk_customers"]):,} <span class="muted">({fmt_num(current["at_risk_customers_pct"])}%)</span>'),
        kpi("Disengaged", f'{int(current["disengaged_customers"]):,} <span class="muted">({fmt_num(current["disengaged_customers_pct"])}%)</span>'),
        kpi("Alerted customers", f'{int(current["alerted_customers"]):,}'),
    ]
    sections.append(f'<div class="kpis" id="kpis">{"".join(kpis)}</div>')

    sections.append(
        '<section id="book"><h2>The book over time</h2>'
        '<p class="muted">Contract-weighted score: each customer weighs by its annual contract value. '
        "History: the end of each previous period.</p>"
        f'<div class="row">{chart("book", chart_book_over_time(data["book"]))}'
        f'{chart("bands", chart_bands_over_time(data["book"]))}</div></section>'
    )

    movement = data["movement"]
    moved_down = movement[
        movement.apply(lambda r: r["previous_band"] in BANDS[:3] and r["band"] in BANDS[:3]
                       and BANDS.index(r["band"]) > BANDS.index(r["previous_band"]), axis=1)
    ]["customers"].sum()
    moved_up = movement[
        movement.apply(lambda r: r["previous_band"] in BANDS[:3] and r["band"] in BANDS[:3]
                       and BANDS.index(r["band"]) < BANDS.index(r["previous_band"]), axis=1)
    ]["customers"].sum()
    sections.append(
        '<section id="movement"><h2>Bands now, and how customers moved</h2>'
        f'<p><b id="moved-down">{int(moved_down)}</b> customers moved to a lower band since the previous period, '
        f'<b id="moved-up">{int(moved_up)}</b> to a higher one.</p>'
        f'<div class="row">{chart("movement", chart_movement(movement))}'
        f'{chart("distribution", chart_score_distribution(data["customers"]))}</div></section>'
    )

    managers = data["managers"]
    league = table_html(
        managers,
        [
            ("manager_name", "Manager", None),
            ("team", "Team", None),
            ("customers", "Customers", lambda v: fmt_num(v, 0)),
            ("total_contract_value", "Contract value", fmt_money),
            ("contract_weighted_score", "Contract-weighted score", score_bar),
            ("score_change", "Change", lambda v: f'<span class="{signed_class(v)}">{fmt_change(v)}</span>'),
            ("at_risk_customers", "At risk", lambda v: fmt_num(v, 0)),
            ("disengaged_customers", "Disengaged", lambda v: fmt_num(v, 0)),
            ("alerted_customers", "Alerted", lambda v: fmt_num(v, 0)),
        ],
    )
    sections.append(
        '<section id="managers"><h2>Manager league table</h2>'
        '<div class="note"><b>Read with care.</b> Once a score is tied to pay or targets it drifts up: the '
        "inputs people control (logged meetings, survey invitations, case handling) get gamed, and the score stops "
        "measuring the customer. Use this table to find books that need help, not to rank people; compare a "
        "manager with their own history and check outliers against renewals.</div>"
        f'<div class="scroll league">{league}</div></section>'
    )

    alerted = data["alerted"].copy()

    def drivers(record):
        downs = [pretty(record.get(f"top_driver_down_{i}")) for i in (1, 2, 3)]
        return ", ".join(d for d in downs if d)

    alerted["drivers_down"] = alerted.apply(drivers, axis=1)
    alert_columns = [
        ("account_name", "Customer", None),
        ("manager_name", "Manager", None),
        ("annual_contract_value", "Contract value", fmt_money),
        ("engagement_score", "Score", fmt_num),
        ("score_change", "Change", lambda v: f'<span class="{signed_class(v)}">{fmt_change(v)}</span>'),
        ("band", "Band", band_badge),
        ("alert_reason", "Why alerted", lambda v: esc(pretty(v))),
        ("drivers_down", "Pulling it down", None),
        ("recommended_action", "Recommended action", None),
        ("owner_role", "Owner", lambda v: esc(pretty(v))),
    ]
    if "lifecycle_stage" in alerted.columns:
        alert_columns.insert(2, ("lifecycle_stage", "Stage", lambda v: esc(pretty(v))))
    if "churn_risk_pct" in alerted.columns:
        alert_columns.insert(5, ("churn_risk_pct", "Churn risk %", fmt_num))
    sections.append(
        f'<section id="alerted"><h2>Who to call: <span id="alerted-count">{len(alerted)}</span> alerted customers</h2>'
        '<p class="muted">Most urgent action first, then the largest contracts.</p>'
        f'<div class="scroll">{table_html(alerted, alert_columns)}</div></section>'
    )

    churn_parts = []
    by_band = churn_by_band_frame(data["bins"])
    if by_band is not None:
        churn_parts.append(chart("churn_by_band", chart_churn_by_band(by_band)))
    else:
        churn_parts.append('<p id="churn-by-band-na">Churn rate by band: not available (this warehouse has no '
                           "backtest mart <code>fct_score_backtest_bins</code> with the engagement score's bands).</p>")
    deciles = calibration_frame(data["bins"])
    if deciles is not None or data["has_churn_risk"]:
        churn_parts.append(chart("calibration", chart_calibration(
            deciles, data["customers"] if data["has_churn_risk"] else None)))
    if not data["has_churn_risk"]:
        churn_parts.append('<p id="churn-risk-na">Churn risk of today\'s customers: not available '
                           "(<code>dim_customer_engagement</code> has no <code>churn_risk_pct</code>).</p>")
    else:
        expected = data["customers"]["churn_risk_pct"].sum() / 100
        churn_parts.append(f"<p>Expected churners among today's customers (sum of churn risks): "
                           f"<b>{fmt_num(expected)}</b>.</p>")
    if deciles is None and not data["has_churn_risk"]:
        churn_parts.append('<p id="calibration-na">Calibration of churn risk: not available.</p>')
    sections.append('<section id="churn"><h2>Does the score predict churn?</h2>'
                    f'{churn_auc_text(data["backtest"])}'
                    f'<div class="row">{"".join(churn_parts)}</div></section>')

    manifest = data["manifest"]
    published = ""
    if manifest is not None and len(manifest):
        published = f' · published {pd.Timestamp(manifest["published_at"].iloc[0]):%Y-%m-%d %H:%M} UTC'
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    specs = json.dumps(charts).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer engagement report · {as_of}</title>
<style>{STYLE}</style>
<script type="text/javascript">
{charts_js_bundle}
</script>
</head>
<body>
<header>
  <h1>Customer engagement</h1>
  <p>As of <b id="as-of-date">{as_of}</b> · {int(current["customers"]):,} customers{published} · report generated {generated} UTC</p>
</header>
<main>
{"".join(sections)}
<p class="muted">From the published marts (<code>main_marts</code>); every figure can be traced in
<code>fct_customer_engagement</code> and <code>fct_customer_indicator_scores</code>. Scores are 0-100; bands:
engaged, at risk, disengaged, or insufficient data when too few indicators have data.</p>
</main>
<script type="text/javascript">
  const specs = {specs};
  window.chartsExpected = Object.keys(specs).length;
  window.chartsRendered = 0;
  window.chartsFailed = 0;
  for (const [name, spec] of Object.entries(specs)) {{
    vegaEmbed('#chart-' + name, spec, {{renderer: 'svg', actions: false}})
      .then(() => {{ window.chartsRendered += 1; }})
      .catch((error) => {{
        window.chartsFailed += 1;
        document.getElementById('chart-' + name).textContent = 'Chart failed: ' + error;
        console.error(error);
      }});
  }}
</script>
</body>
</html>
"""


def write_report(published=None, output=DEFAULT_OUTPUT):
    marts = Marts(published)
    try:
        data = load(marts)
    finally:
        marts.close()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    bundle = vl_convert.javascript_bundle(vl_version=alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0])
    page = build_html(data, bundle.replace("</script", "<\\/script"))
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(output)
    return output, data


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--published", default=None,
                        help="the published marts (default: $ENGAGEMENT_PUBLISHED_PATH or warehouse/published/engagement.duckdb)")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="the HTML file to write (default: %(default)s)")
    args = parser.parse_args(argv)
    output, _ = write_report(args.published, args.output)
    print(f"report written: {output} (open it in a browser: file://{Path(output).resolve()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
