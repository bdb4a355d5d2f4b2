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
  - churn rate by band and calibration of churn risk (from the backtest mart
    fct_score_backtest and the column churn_risk_pct, when the warehouse has them;
    otherwise the section says they are not available).

    python scripts/report.py                    # -> warehouse/report/engagement_report.html
    python scripts/report.py --published P --output out.html
"""
import argparse
import datetime as dt
import html
import json
import re
import sys
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from published_marts import BAND_COLOURS, BAND_LABELS, BANDS, MARTS, PROJECT_DIR, Marts  # noqa: E402

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
    data["has_backtest"] = marts.has_table("fct_score_backtest")
    data["backtest"] = marts.df(f"select * from {MARTS}.fct_score_backtest") if data["has_backtest"] else None
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


def churn_by_band_frame(backtest):
    """Churn rate per band from the backtest mart, read by column name: a band
    column and the churn-rate columns (`churn...pct` / `churn...rate`)."""
    if backtest is None or "band" not in backtest.columns:
        return None
    rate_columns = [c for c in backtest.columns if re.search(r"churn", c) and re.search(r"(pct|rate)$", c)
                    and "risk" not in c]
    if not rate_columns:
        return None
    keys = [c for c in ("horizon_days",) if c in backtest.columns]
    frame = backtest[["band", *keys, *rate_columns]].groupby(["band", *keys], as_index=False).mean(numeric_only=True)
    return frame, rate_columns, keys


def chart_churn_by_band(frame, rate_column, keys):
    data = frame.copy()
    data["band_label"] = data["band"].map(lambda b: BAND_LABELS.get(b, b))
    encoding = dict(
        x=alt.X("band_label:N", title=None, sort=[BAND_LABELS[b] for b in BANDS]),
        y=alt.Y(f"{rate_column}:Q", title=pretty(rate_column)),
        color=alt.Color("band_label:N", scale=BAND_SCALE, legend=None),
        tooltip=["band_label:N", alt.Tooltip(f"{rate_column}:Q", format=".1f"), *keys],
    )
    if keys:
        encoding["column"] = alt.Column(f"{keys[0]}:O", title=pretty(keys[0]))
    return alt.Chart(data, title="Churn rate by band (backtest)").mark_bar().encode(**encoding).properties(
        width=200, height=200
    )


def chart_churn_risk(customers):
    frame = customers[customers["churn_risk_pct"].notna()][["account_name", "engagement_score", "churn_risk_pct",
                                                             "band"]].copy()
    frame["band"] = frame["band"].map(lambda b: BAND_LABELS.get(b, b))
    return (
        alt.Chart(frame, title="Churn risk against engagement score (calibrated on past outcomes)")
        .mark_circle(size=50, opacity=0.7)
        .encode(
            x=alt.X("engagement_score:Q", title="Engagement score", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("churn_risk_pct:Q", title="Churn risk (%)"),
            color=alt.Color("band:N", scale=BAND_SCALE, title=None, legend=alt.Legend(orient="bottom")),
            tooltip=["account_name:N", alt.Tooltip("engagement_score:Q", format=".1f"),
                     alt.Tooltip("churn_risk_pct:Q", format=".1f")],
        )
        .properties(width=460, height=240)
    )


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
    churn = churn_by_band_frame(data["backtest"]) if data["has_backtest"] else None
    if churn is not None:
        frame, rate_columns, keys = churn
        churn_parts.append(chart("churn_by_band", chart_churn_by_band(frame, rate_columns[0], keys)))
    elif data["has_backtest"]:
        churn_parts.append("<p>The backtest mart has no band and churn-rate columns this report knows; "
                           "see <code>fct_score_backtest</code>.</p>")
    else:
        churn_parts.append('<p id="churn-by-band-na">Churn rate by band: not available '
                           "(this warehouse has no backtest mart <code>fct_score_backtest</code>).</p>")
    if data["has_churn_risk"]:
        churn_parts.append(chart("churn_risk", chart_churn_risk(data["customers"])))
        expected = data["customers"]["churn_risk_pct"].sum() / 100
        churn_parts.append(f"<p>Expected churners among today's customers (sum of churn risks): "
                           f"<b>{fmt_num(expected)}</b>.</p>")
    else:
        churn_parts.append('<p id="churn-risk-na">Calibration of churn risk: not available '
                           "(<code>dim_customer_engagement</code> has no <code>churn_risk_pct</code>).</p>")
    sections.append('<section id="churn"><h2>Does the score predict churn?</h2>'
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
