"""The demo figures the README and docs quote, written from the built warehouse.

A figure in a doc sits between two HTML comments (invisible once rendered):

    <!-- figures:worked_example -->
    ...text this script writes...
    <!-- /figures:worked_example -->

or inline, `<!-- figures:observed_dates -->7 dates ...<!-- /figures:observed_dates -->`.
The name is one of FIGURES below: a function that reads the warehouse and returns the text.

    python scripts/doc_figures.py            # rewrite every marked passage from the warehouse
    python scripts/doc_figures.py --check    # only compare; exit 1 naming each stale passage
    python scripts/doc_figures.py --picture  # also retake docs/images/report.png from the demo report

It reads the demo build (`bash scripts/build_demo.sh`; default warehouse/engagement.duckdb or
ENGAGEMENT_DUCKDB_PATH, opened read-only: run it when no build is running). The test
tests/python/test_doc_figures.py runs the check against a fresh demo build, so a doc that quotes a
figure the build no longer gives fails the tests rather than going stale.
"""
import argparse
import difflib
import os
import re
import sys
import textwrap
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
DOCS = ["README.md", "CONTRIBUTING.md", "docs/*.md"]
MARKED = re.compile(r"<!-- figures:(?P<name>\w+) -->(?P<body>.*?)<!-- /figures:(?P=name) -->", re.S)
WORKED_EXAMPLE_ACCOUNT = "ACC-00034"
WORKED_EXAMPLE_INDICATORS = ["nps", "modules_licensed", "feature_breadth", "logins_per_seat", "renewal_rate",
                             "version_currency", "contact_breadth"]


class StoryChanged(Exception):
    """The build no longer tells the story the surrounding prose tells: edit the doc."""


def rows(con, sql, params=None):
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def one(con, sql, params=None):
    found = rows(con, sql, params)
    if len(found) != 1:
        raise StoryChanged(f"expected one row, got {len(found)}: {sql}")
    return found[0]


def num(value, digits=1):
    return f"{value:,.{digits}f}"


def pct(value, digits=1):
    return f"{100 * value:.{digits}f}%"


def words(name):
    return str(name).replace("_", " ")


def table(header, body):
    """A markdown table; a header ending in ':' is right-aligned (numbers)."""
    lines = ["| " + " | ".join(h.rstrip(":") for h in header) + " |",
             "|" + "|".join("---:" if h.endswith(":") else "---" for h in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return "\n".join(lines)


def reflow(text, width=100):
    """Paragraphs and list items re-wrapped at `width` (the templates below break lines where the
    values fall); tables left as they are."""
    blocks = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.splitlines()
        if lines[0].startswith("|"):
            blocks.append(block)
            continue
        items, current = [], []
        for line in lines:
            if line.startswith("- ") and current:
                items.append(current)
                current = []
            current.append(line.strip())
        items.append(current)
        wrapped = []
        for item in items:
            joined = " ".join(item)
            indent = "  " if joined.startswith("- ") else ""
            wrapped.append(textwrap.fill(joined, width, subsequent_indent=indent, break_long_words=False,
                                         break_on_hyphens=False))
        blocks.append("\n".join(wrapped))
    return "\n" + "\n\n".join(blocks) + "\n"


# --- the figures ---------------------------------------------------------------------------

def book_today(con):
    """README: the demo book today, in one sentence."""
    book = one(con, """
        select count(*) as customers,
            count(*) filter (where band = 'engaged') as engaged,
            count(*) filter (where band = 'at_risk') as at_risk,
            count(*) filter (where band = 'disengaged') as disengaged,
            count(*) filter (where is_alerted) as alerted,
            max(as_of_date) as as_of
        from main_marts.dim_customer_engagement""")
    return (f"{book['customers']} current customers as of {book['as_of']}: {book['engaged']} engaged, "
            f"{book['at_risk']} at risk, {book['disengaged']} disengaged; {book['alerted']} alerted")


def who_to_call(con):
    """README: the first row of the call list, as the report and dashboard show it."""
    first = rows(con, """
        select account_name, manager_name, engagement_score, band, alert_reason,
               top_driver_down_1, recommended_action, owner_role
        from main_marts.dim_customer_engagement
        where is_alerted order by action_priority, annual_contract_value desc, account_name limit 1""")
    if not first:
        raise StoryChanged("nobody is alerted on the demo")
    r = first[0]
    return "\n" + table(
        ["customer", "manager", "score", "band", "alert", "pulls it down", "action", "owner"],
        [[r["account_name"], r["manager_name"], num(r["engagement_score"]), words(r["band"]),
          words(r["alert_reason"]), words(r["top_driver_down_1"]), r["recommended_action"],
          words(r["owner_role"])]],
    ) + "\n"


def raw_value_text(r):
    value, evidence = r["raw_value"], r["evidence_count"]
    name = r["indicator"]
    if name == "nps":
        return f"{num(value)} ({evidence} answers, weighted {num(r['weighted_evidence'])})"
    if name == "modules_licensed":
        return f"{num(value, 3)}"
    if name == "renewal_rate":
        return f"{num(value)} ({evidence} closed renewals)"
    if name == "version_currency":
        return f"{value:g} releases behind"
    if name == "contact_breadth":
        return f"{value:g} contacts active in 90 days"
    return num(value, 3) if abs(value) < 1 else num(value, 2)


def normalization_text(r):
    text = f"target {r['target']:g}" if r["normalization"] == "target" else r["normalization"]
    if r["peer_group_value"] and r["peer_group_value"] != "all":
        text += f" in `{r['peer_group_value']}`"
    if r["direction"] == "lower_is_better":
        text += ", lower is better"
    return text


def worked_example(con):
    """docs/scoring.md: one customer's score, taken apart."""
    account = WORKED_EXAMPLE_ACCOUNT
    dim = one(con, "select * from main_marts.dim_customer_engagement where account_id = ?", [account])
    history = rows(con, """
        select as_of_date, engagement_score from main_marts.fct_customer_engagement
        where account_id = ? order by as_of_date desc limit 7""", [account])[::-1]
    current = one(con, "select * from main_marts.fct_customer_engagement where account_id = ? and is_current",
                  [account])
    if dim["alert_reason"] != "sustained_decline" or dim["band"] != "at_risk":
        raise StoryChanged(f"{account} is no longer an at-risk customer alerted for a sustained decline "
                           f"(band {dim['band']}, alert {dim['alert_reason']}): pick another worked example")
    drops = [b["engagement_score"] - a["engagement_score"] for a, b in zip(history, history[1:])]
    indicators = {r["indicator"]: r for r in rows(con, """
        select s.*, i.target from main_marts.fct_customer_indicator_scores s
        join main_marts.dim_engagement_indicators i using (indicator)
        where s.account_id = ? and s.is_current""", [account])}
    registry = rows(con, "select indicator, element, weight, element_weight from main_marts.dim_engagement_indicators")
    element_weight = {r["element"]: r["element_weight"] for r in registry}
    weights_in = {}
    for r in registry:
        weights_in[r["element"]] = weights_in.get(r["element"], 0) + r["weight"]
    without_data = sorted(name for name, r in indicators.items() if r["is_excluded"] or not r["has_data"])
    coverage = (f"{', '.join(without_data)} had no data or carried no information at this date and "
                "dropped out, so the other weights were re-normalized (below, \"No information is not a zero\")"
                if without_data else "every indicator had data, so the effective weights are the nominal ones")
    drivers = {way: ", ".join(d for d in (dim[f"top_driver_{way}_{i}"] for i in (1, 2, 3)) if d) or "none"
               for way in ("up", "down")}
    churn_risk = ("null" if dim["churn_risk_pct"] is None else
                  f"{num(dim['churn_risk_pct'])}: customers who scored like it churned "
                  f"{num(dim['churn_risk_pct'])}% of the time within 180 days")

    def weight_line(name):
        r = indicators[name]
        element = r["element"]
        share = element_weight[element] / sum(element_weight.values())
        return (f"- **{name}, effective weight {num(r['effective_weight'], 4)}.** {words(element).capitalize()} "
                f"weighs {element_weight[element]:g} of the element weights ({num(sum(element_weight.values()), 2)} "
                f"in all); {name} has weight {r['weight']:g} of the {weights_in[element]:g} in {words(element)}: "
                f"{share:.2f} × {r['weight']:g} / {weights_in[element]:g} = {num(r['nominal_weight'], 4)} nominal"
                + ("." if abs(r["nominal_weight"] - r["effective_weight"]) < 5e-5 else
                   f" and {num(r['effective_weight'], 4)} effective, once the weights of the indicators"
                   " left are re-normalized."))

    body = []
    for name in WORKED_EXAMPLE_INDICATORS:
        r = indicators[name]
        if r["is_excluded"]:
            body.append([name, raw_value_text(r), normalization_text(r), "excluded", num(0, 4), "0.00", "0.00"])
        else:
            body.append([name, raw_value_text(r), normalization_text(r), num(r["indicator_score"]),
                         num(r["effective_weight"], 4), num(r["contribution_points"], 2),
                         num(r["points_left_on_table"], 2)])
    contributions = sum(r["contribution_points"] or 0 for r in indicators.values())
    velocity = current["score_velocity_points_per_month"]
    text = f"""
{dim['account_name']} ({account}), an {dim['segment']} customer the demo generator made "drifting", as of
{current['as_of_date']}. `fct_customer_engagement` shows the slide:

{table(["as of", *[str(h['as_of_date'])[5:] for h in history]],
       [["score", *[num(h['engagement_score']) for h in history]]])}

No single period lost more than {num(max(-d for d in drops))} points (the `score_drop` alert needs
10), and the customer stayed `{dim['band']}` throughout. But over the last six periods it lost
{num(-velocity, 2)} points a month (`score_velocity_points_per_month` = {num(velocity, 2)}, the
least-squares slope), faster than the 1.5 a month the alert allows, so the `sustained_decline` alert
fires. It is `{dim['lifecycle_stage']}` (its next contract end is {dim['days_to_renewal']} days away),
so the playbook gives `{dim['action_code']}` by the `{dim['owner_role']}`.

A few of its {len(indicators)} rows in `fct_customer_indicator_scores`:

{table(["indicator", "raw value", "normalization", "score", "effective weight", "contribution",
        "left on table"], body)}

Where the weights come from:
{weight_line("nps")}
{weight_line("logins_per_seat")}

`coverage_pct` is {num(current['coverage_pct'])}: {coverage}. The {len(indicators)} contributions add up
to the score, {num(contributions, 2)}. The element scores:

{table(["product usage", "sentiment", "involvement", "competitive status"],
       [[num(dim['product_usage_score']), num(dim['sentiment_score']), num(dim['involvement_score']),
         num(dim['competitive_status_score'])]])}

`dim_customer_engagement` names the top drivers:
- up: {drivers['up']};
- down: {drivers['down']};

and why it moved this period, `score_movers`: `{dim['score_movers']}`.
Its `churn_risk_pct` is {churn_risk} ([does_it_work.md](does_it_work.md)).
"""
    return reflow(text)


def demo_backtest(con):
    """docs/does_it_work.md: the backtest of the engagement score on the demo."""
    pooled = {r["horizon_days"]: r for r in rows(con, """
        select * from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and is_pooled and segment = 'all'""")}
    body = [[f"{h} days", f"{r['customers']:,}", r["outcome_customers"], pct(r["base_rate"]), num(r["auc"], 3),
             f"{pct(r['bottom_decile_rate'])} ({num(r['bottom_decile_lift'])}×)",
             f"{num(r['low_band_lift'], 2)}× / {pct(r['low_band_precision'])} / {pct(r['low_band_recall'], 0)}"]
            for h, r in sorted(pooled.items())]
    per_date = one(con, """
        select min(auc) as low, max(auc) as high, count(*) as dates from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and not is_pooled and segment = 'all'
          and horizon_days = 180""")
    segments = rows(con, """
        select segment, auc from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and is_pooled and horizon_days = 180
          and segment <> 'all' order by segment""")
    bands = {r["bin"]: r for r in rows(con, """
        select * from main_marts.fct_score_backtest_bins
        where score_name = 'engagement_score' and is_pooled and segment = 'all' and horizon_days = 180
          and bin_type = 'band'""")}
    churners = pooled[180]["outcome_customers"]
    low_share = (bands["at_risk"]["customers"] + bands["disengaged"]["customers"]) / sum(
        b["customers"] for b in bands.values())
    indicators = rows(con, """
        select score_name, auc from main_marts.fct_score_backtest
        where score_kind = 'indicator' and outcome = 'churned' and is_pooled and horizon_days = 180
          and segment = 'all' and auc is not null order by auc desc, score_name""")
    best = ", ".join(f"{words(r['score_name'])} ({num(r['auc'], 3)})" for r in indicators[:3])
    worst = indicators[-1]
    expansion = one(con, """
        select auc from main_marts.fct_score_backtest where score_name = 'engagement_score'
          and outcome = 'expansion_won' and is_pooled and horizon_days = 180 and segment = 'all'""")["auc"]
    bins = rows(con, """
        select bin_lower_score, bin_upper_score, churn_risk_pct from main_intermediate.int_churn_risk_calibrated
        order by bin_lower_score""")
    known = [f"{b['bin_lower_score']:g}-{b['bin_upper_score']:g}: {num(b['churn_risk_pct'])}%"
             for b in bins if b["churn_risk_pct"] is not None]
    unknown = [f"{b['bin_lower_score']:g}-{b['bin_upper_score']:g}" for b in bins if b["churn_risk_pct"] is None]
    return reflow(f"""
{table(["horizon", "customer-dates:", "churned:", "base rate:", "AUC:", "bottom decile churn (lift)",
        "at risk + disengaged: lift / precision / recall"], body)}

- **Per date.** At 180 days the AUC runs from {num(per_date['low'], 3)} to {num(per_date['high'], 3)} over the
  {per_date['dates']} observed dates. By segment: {', '.join(f"{words(s['segment'])} {num(s['auc'], 3)}" for s in segments)}.
- **Per band, 180 days.** `disengaged`: {pct(bands['disengaged']['churn_rate'])} churned (lift
  {num(bands['disengaged']['churn_lift'])}), {bands['disengaged']['churned_customers']:g} of the {churners}
  churners; `at_risk`: {pct(bands['at_risk']['churn_rate'])} ({bands['at_risk']['churned_customers']:g}
  churners); `engaged`: {pct(bands['engaged']['churn_rate'])}.
- **The low bands are wide.** {pct(low_share, 0)} of customer-dates sit in `at_risk` or `disengaged`,
  so flagging both catches {pct(pooled[180]['low_band_recall'], 0)} of churners at
  {pct(pooled[180]['low_band_precision'], 0)} precision. `disengaged` alone is the sharp warning.
- **Indicators.** {best} warn best; the one pointing most the wrong way is
  {words(worst['score_name'])} ({num(worst['auc'], 3)}).
- **Expansions.** AUC {num(expansion, 3)} against a low score, i.e. {num(1 - expansion, 3)} for a high one.
- **Calibrated risk at 180 days** (`churn_risk_pct`), per score bin: {'; '.join(known)}. The
  {', '.join(unknown) or 'no'} bins hold fewer than 30 customer-dates, so their risk is null.
""")


def readme_auc(con):
    """README: the engagement score's pooled AUC against churn within 180 days on the demo."""
    r = one(con, """
        select auc, customers, outcome_customers from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and is_pooled and segment = 'all'
          and horizon_days = 180""")
    return f"{num(r['auc'], 2)} ({r['outcome_customers']} churned of {r['customers']:,} customer-dates)"


def observed_dates(con):
    """docs/does_it_work.md: how many history dates the default backtest observes per horizon."""
    found = {r["horizon_days"]: r["dates"] for r in rows(con, """
        select horizon_days, count(*) as dates from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and not is_pooled and segment = 'all'
        group by horizon_days""")}
    return f"{found[180]} dates are observed at 180 days and {found[90]} at 90"


def demo_overrides(con):
    """docs/marts.md: the demo's manual overrides in force."""
    ids = [r["account_id"] for r in rows(con, """
        select account_id from main_marts.dim_customer_engagement where override_band is not null
        order by account_id""")]
    return f"{len(ids)} overrides in force ({', '.join(ids)})"


def drifting_alerts(con):
    """docs/scoring.md: how many of the demo's drifting customers each alert rule catches today
    (the archetypes the demo generator planted: tests/fixtures/demo_account_archetypes.csv)."""
    archetypes = PROJECT_DIR / "tests" / "fixtures" / "demo_account_archetypes.csv"
    r = one(con, f"""
        with drifting as (
            select account_id from read_csv('{archetypes}', header = true) where archetype = 'drifting'
        )
        select count(*) as customers,
            count(*) filter (where dim.alert_reason like '%score_drop%' or dim.alert_reason like '%band_drop%')
                as by_period_rules,
            count(*) filter (where dim.is_alerted) as by_all_rules
        from drifting left join main_marts.dim_customer_engagement as dim using (account_id)""")
    return (f"the two single-period rules flag {r['by_period_rules']} of the {r['customers']} drifting "
            f"customers today, and the three rules together flag {r['by_all_rules']}")


RESULTS = PROJECT_DIR / "benchmarks" / "RESULTS.md"
GENERATOR_SECTION = re.compile(r"<!-- generator-engines -->\n## (?P<date>\S+?),.*?<!-- /generator-engines -->", re.S)
GENERATOR_ROW = re.compile(r"^\| (?P<engine>row|set) \| \w+ \| (?P<accounts>[\d,]+) \| (?P<usage>[\d,]+) \| "
                           r"(?P<rows>[\d,]+) \| [\d.]+ \| [\d.]+ \| [\d,]+ \| (?P<per_cpu>[\d,]+) \| (?P<mib>\d+) \|$",
                           re.M)


def generator_engines(con, results=RESULTS):
    """docs/architecture.md: the two generator engines' speed, from the measurement in benchmarks/RESULTS.md
    (`engagement benchmark --generator`), not from the warehouse: a new measurement makes the doc stale."""
    from engagement_tools.engagement_data.cli import PRESETS

    section = GENERATOR_SECTION.search(Path(results).read_text(encoding="utf-8"))
    if not section:
        raise StoryChanged(f"{results} has no generator measurement: run `engagement benchmark --generator`")
    sizes = {}
    for row in GENERATOR_ROW.finditer(section.group(0)):
        sizes.setdefault(int(row["accounts"].replace(",", "")), {})[row["engine"]] = {
            k: int(row[k].replace(",", "")) for k in ("usage", "rows", "per_cpu", "mib")}
    if not sizes or any(set(engines) != {"row", "set"} for engines in sizes.values()):
        raise StoryChanged(f"{results}: the generator measurement does not pair the row and set engines")
    lines = [f"- {accounts:,} accounts ({e['row']['usage']:,} usage events): the row engine {e['row']['rows']:,} rows "
             f"at {e['row']['per_cpu']:,} rows per CPU second, peak {e['row']['mib']:,} MiB; the set engine "
             f"{e['set']['rows']:,} rows at {e['set']['per_cpu']:,}, peak {e['set']['mib']:,} MiB"
             for accounts, e in sorted(sizes.items())]
    accounts = max(sizes)
    row, large = sizes[accounts]["row"], PRESETS["large"]
    # usage events as the preset sets them, the other tables in proportion to the accounts
    large_rows = large.usage_events + (row["rows"] - row["usage"]) * large.accounts / accounts
    return reflow(f"Measured on {section['date']} (`engagement benchmark --generator`, "
                  f"[benchmarks/RESULTS.md](../benchmarks/RESULTS.md)):\n" + "\n".join(lines) + "\n\n"
                  f"The row engine keeps every row in memory, and its rate falls a little as the world grows: "
                  f"scaled from its largest run to the large preset (about {large_rows / 1e6:.0f}M rows), it would "
                  f"need about {large_rows / row['per_cpu'] / 60:.0f} CPU minutes and "
                  f"{row['mib'] * large_rows / row['rows'] / 1024:.0f} GiB of memory. The set engine's rate grows "
                  f"with the size (each statement's fixed cost spreads over more rows) and DuckDB spills what does "
                  f"not fit under its memory limit to disk.")


FIGURES = {f.__name__: f for f in (book_today, who_to_call, readme_auc, worked_example, demo_backtest,
                                   observed_dates, demo_overrides, drifting_alerts, generator_engines)}


# --- reading and writing the docs -----------------------------------------------------------

def doc_files(root=PROJECT_DIR):
    found = []
    for pattern in DOCS:
        found += sorted(Path(root).glob(pattern))
    return found


def rewrite(text, con, cache=None):
    """`text` with every marked passage written from the warehouse; unknown names raise."""
    cache = {} if cache is None else cache

    def fill(match):
        name = match["name"]
        if name not in FIGURES:
            raise KeyError(f"unknown figures '{name}' (known: {', '.join(FIGURES)})")
        if name not in cache:
            cache[name] = FIGURES[name](con)
        fresh = cache[name]
        if "\n" in match["body"] or "\n" in fresh:
            fresh = "\n" + fresh.strip("\n") + "\n"
        return f"<!-- figures:{name} -->{fresh}<!-- /figures:{name} -->"

    return MARKED.sub(fill, text)


def stale_passages(text, con, cache=None):
    """(name, unified diff) of each marked passage whose text differs from the warehouse's."""
    fresh = rewrite(text, con, cache)
    old = {m["name"]: m["body"] for m in MARKED.finditer(text)}
    new = {m["name"]: m["body"] for m in MARKED.finditer(fresh)}
    return [(name, "\n".join(difflib.unified_diff(old[name].splitlines(), new[name].splitlines(),
                                                   "doc", "build", lineterm="")))
            for name in old if old[name] != new[name]]


REPORT = PROJECT_DIR / "warehouse" / "report" / "engagement_report.html"
PICTURE = PROJECT_DIR / "docs" / "images" / "report.png"
CHROMIUM = "/usr/bin/chromium"  # Debian's (scripts/install_chromium.sh), driven by Playwright


def take_picture(report=REPORT, picture=PICTURE, width=1200, height=700):
    """The top of the HTML report (scripts/report.py), as the README shows it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox",
                                             "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(Path(report).resolve().as_uri(), timeout=60_000)
            page.wait_for_function("window.chartsRendered + window.chartsFailed >= window.chartsExpected",
                                   timeout=60_000)
            Path(picture).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(picture))
        finally:
            browser.close()


def default_warehouse():
    return os.environ.get("ENGAGEMENT_DUCKDB_PATH") or str(PROJECT_DIR / "warehouse" / "engagement.duckdb")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", default=default_warehouse(),
                        help="the demo build to read (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if a passage is stale")
    parser.add_argument("--picture", action="store_true",
                        help=f"also retake {PICTURE.relative_to(PROJECT_DIR)} from {REPORT.relative_to(PROJECT_DIR)}"
                             " (needs chromium: bash scripts/install_chromium.sh)")
    args = parser.parse_args(argv)
    if not Path(args.warehouse).exists():
        parser.error(f"{args.warehouse} does not exist: build the demo first (bash scripts/build_demo.sh)")
    con = duckdb.connect(args.warehouse, read_only=True)
    cache, stale = {}, 0
    try:
        for path in doc_files():
            text = path.read_text(encoding="utf-8")
            if args.check:
                for name, diff in stale_passages(text, con, cache):
                    stale += 1
                    print(f"{path.relative_to(PROJECT_DIR)}: figures '{name}' differ from the build\n{diff}")
            else:
                fresh = rewrite(text, con, cache)
                if fresh != text:
                    path.write_text(fresh, encoding="utf-8")
                    print(f"rewrote {path.relative_to(PROJECT_DIR)}")
    finally:
        con.close()
    if args.picture and not args.check:
        take_picture()
        print(f"took {PICTURE.relative_to(PROJECT_DIR)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
