"""Engagement dashboard (Streamlit), reading the published marts (scripts/publish.py).

    bash scripts/dashboard.sh          # http://127.0.0.1:8501

Two pages: "Book" (the filtered book today and over time, bands, who to call)
and "Customer" (one customer's score history, element scores, drivers and what
moved it). Filters: segment, region, manager, band and, when the mart has it,
lifecycle stage. Segment, region and manager filter every period's rows; band
and stage are today's, so the history shows the customers in that band or stage
today. The figures use the marts' formulas: contract-weighted score =
sum(contract value x score) / sum(contract value), as fct_book_of_business_engagement.
"""

import pandas as pd
import streamlit as st

from engagement_tools.published_marts import BAND_COLOURS, BAND_LABELS, BANDS, MARTS, Marts

ALL = "All"
# (column of dim_customer_engagement, label); lifecycle_stage only when present.
FILTERS = [
    ("segment", "Segment"),
    ("region", "Region"),
    ("manager_name", "Manager"),
    ("band", "Band"),
    ("lifecycle_stage", "Lifecycle stage"),
]
ELEMENTS = ["product_usage_score", "sentiment_score", "involvement_score", "competitive_status_score"]
# The tables as people read them: column -> (header, number format or None, whether the values are
# snake_case codes to show in words). Numbers keep their precision (sorting, copying); only the
# display rounds: scores to one decimal, contribution points to two, raw values to three digits.
WHO_TO_CALL = {
    "account_name": ("Customer", None, False),
    "manager_name": ("Manager", None, False),
    "lifecycle_stage": ("Lifecycle stage", None, True),
    "engagement_score": ("Score", "%.1f", False),
    "score_change": ("Change", "%+.1f", False),
    "band": ("Band", None, True),
    "alert_reason": ("Alert", None, True),
    "top_driver_down_1": ("Pulls it down", None, True),
    "recommended_action": ("Recommended action", None, False),
    "owner_role": ("Owner", None, True),
}
MOVERS = {
    "indicator": ("Indicator", None, True),
    "element": ("Element", None, True),
    "raw_value": ("Raw value", "%.3g", False),
    "indicator_score": ("Indicator score", "%.1f", False),
    "previous_contribution_points": ("Points before", "%.2f", False),
    "contribution_points": ("Points now", "%.2f", False),
    "contribution_change_points": ("Change", "%+.2f", False),
}


def pretty(value):
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).replace("_", " ")


def readable_table(frame, columns):
    """st.dataframe of `frame`'s columns in `columns`, with headers in words, codes in words and
    numbers rounded for display (the data keeps its precision)."""
    present = [c for c in columns if c in frame.columns]
    shown = frame[present].copy()
    config = {}
    for column in present:
        header, number_format, in_words = columns[column]
        if in_words:
            shown[column] = shown[column].map(lambda v: BAND_LABELS.get(v, pretty(v)) if column == "band"
                                              else pretty(v))
        config[column] = (st.column_config.NumberColumn(header, format=number_format) if number_format
                          else st.column_config.TextColumn(header))
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)


def contract_weighted_score(frame):
    """As the marts' rollup (int_customer_scores_rolled_up): sum(acv * score) / sum(acv), the mean when no contract value."""
    if frame.empty:
        return None
    total = frame["annual_contract_value"].sum()
    if total > 0:
        return (frame["annual_contract_value"] * frame["engagement_score"]).sum(min_count=1) / total
    return frame["engagement_score"].mean()


@st.cache_data(ttl=60, show_spinner=False)
def load(path, version):
    """Everything the dashboard reads, from one consistent published copy.
    `version` (the file's mtime) makes a new publish refresh the cache."""
    marts = Marts(path)
    try:
        return {
            "customers": marts.df(f"select * from {MARTS}.dim_customer_engagement"),
            "history": marts.df(f"select * from {MARTS}.fct_customer_engagement order by as_of_date"),
            "managers": marts.df(
                f"select distinct manager_id, manager_name from {MARTS}.fct_manager_engagement"
            ),
        }
    finally:
        marts.close()


def movers(path, account_id):
    marts = Marts(path)
    try:
        return marts.movers(account_id)
    finally:
        marts.close()


def sidebar(customers):
    st.sidebar.title("Customer engagement")
    page = st.sidebar.radio("Page", ["Book", "Customer"], key="page")
    st.sidebar.subheader("Filters")
    chosen = {}
    for column, label in FILTERS:
        if column not in customers.columns:
            continue
        options = sorted(v for v in customers[column].dropna().unique())
        value = st.sidebar.selectbox(label, [ALL, *options], key=f"filter_{column}",
                                     format_func=lambda v: v if v == ALL else pretty(v))
        if value != ALL:
            chosen[column] = value
    return page, chosen


def apply_filters(customers, history, managers, chosen):
    current = customers
    for column, value in chosen.items():
        current = current[current[column] == value]
    past = history
    for column in ("segment", "region"):
        if column in chosen:
            past = past[past[column] == chosen[column]]
    if "manager_name" in chosen:
        ids = managers.loc[managers["manager_name"] == chosen["manager_name"], "manager_id"]
        past = past[past["manager_id"].isin(ids)]
    today_only = [c for c in chosen if c not in ("segment", "region", "manager_name")]
    if today_only:
        past = past[past["account_id"].isin(current["account_id"])]
    return current, past


def book_page(current, past):
    st.header("The book today")
    if current.empty:
        st.info("No customer matches these filters.")
        return
    as_of = pd.Timestamp(current["as_of_date"].max()).date()
    st.caption(f"As of {as_of}")
    previous = past[past["period_index"] == 1]
    cols = st.columns(5)
    cws = contract_weighted_score(current)
    prev_cws = contract_weighted_score(previous) if not previous.empty else None
    cols[0].metric("Customers", f"{len(current):,}")
    cols[1].metric("Contract value", f"{current['annual_contract_value'].sum():,.0f}")
    change = None if prev_cws is None or pd.isna(prev_cws) else round(cws - prev_cws, 1)
    cols[2].metric("Contract-weighted score", f"{cws:.1f}",
                   None if change is None else (f"{change:+.1f}" if change else "0.0"),
                   delta_color="normal" if change else "off")
    cols[3].metric("Mean score", f"{current['engagement_score'].mean():.1f}")
    cols[4].metric("Alerted customers", f"{int(current['is_alerted'].sum()):,}")

    st.subheader("The book over time")
    over_time = (
        past.groupby("as_of_date")
        .apply(lambda g: pd.Series({
            "Contract-weighted score": contract_weighted_score(g),
            "Mean score": g["engagement_score"].mean(),
        }), include_groups=False)
    )
    st.line_chart(over_time)
    bands = past.pivot_table(index="as_of_date", columns="band", values="account_id", aggfunc="count", fill_value=0)
    present = [b for b in BANDS if b in bands.columns]
    bands = bands[present].rename(columns=BAND_LABELS)
    st.subheader("Customers per band")
    # stacked: the bands add up to the customers (overlaid areas hid the smaller bands)
    st.area_chart(bands, color=[BAND_COLOURS[b] for b in present], stack=True, y_label="Customers")

    st.subheader("Who to call")
    alerted = current[current["is_alerted"]].sort_values(
        ["action_priority", "annual_contract_value"], ascending=[True, False]
    )
    readable_table(alerted, WHO_TO_CALL)


def customer_page(path, current, past):
    st.header("Customer")
    if current.empty:
        st.info("No customer matches these filters.")
        return
    ordered = current.sort_values("account_name")
    labels = {r.account_id: f"{r.account_name} ({r.account_id})" for r in ordered.itertuples()}
    account_id = st.selectbox("Customer", list(labels), format_func=labels.get, key="customer")
    row = current[current["account_id"] == account_id].iloc[0]
    cols = st.columns(4)
    cols[0].metric("Engagement score", "–" if pd.isna(row["engagement_score"]) else f"{row['engagement_score']:.1f}",
                   None if pd.isna(row["score_change"]) else f"{row['score_change']:+.1f}")
    cols[1].metric("Band", BAND_LABELS.get(row["band"], row["band"]))
    cols[2].metric("Contract value", f"{row['annual_contract_value']:,.0f}")
    cols[3].metric("Manager", pretty(row["manager_name"]))
    if row["is_alerted"]:
        st.warning(f"Alert: {pretty(row['alert_reason'])}. {row['recommended_action']} (owner: {pretty(row['owner_role'])})")
    else:
        st.write(f"Recommended action: {row['recommended_action']} (owner: {pretty(row['owner_role'])})")

    st.subheader("Score history")
    history = past[past["account_id"] == account_id].set_index("as_of_date")
    st.line_chart(history[["engagement_score", *ELEMENTS]].rename(columns=pretty))

    st.subheader("Element scores today")
    elements = pd.DataFrame({"element": [pretty(e.removesuffix("_score")) for e in ELEMENTS],
                             "score": [row[e] for e in ELEMENTS]}).set_index("element")
    st.bar_chart(elements)

    left, right = st.columns(2)
    left.subheader("Drivers up")
    left.write("\n".join(f"- {pretty(row[c])}" for c in ["top_driver_up_1", "top_driver_up_2", "top_driver_up_3"]
                         if c in row and pretty(row[c])) or "none")
    right.subheader("Drivers down")
    right.write("\n".join(f"- {pretty(row[c])}" for c in ["top_driver_down_1", "top_driver_down_2",
                                                           "top_driver_down_3"] if c in row and pretty(row[c]))
                or "none")

    st.subheader("What moved it since the previous period")
    st.caption("Each indicator's contribution to the engagement score (points), now and one period earlier.")
    if "score_movers" in row and pretty(row["score_movers"]):
        st.write(row["score_movers"])
    readable_table(movers(path, account_id), MOVERS)


def main():
    st.set_page_config(page_title="Customer engagement", layout="wide")
    try:
        marts = Marts()
    except FileNotFoundError as error:
        st.error(str(error))
        return
    path = marts.path
    marts.close()
    data = load(str(path), path.stat().st_mtime_ns)
    page, chosen = sidebar(data["customers"])
    current, past = apply_filters(data["customers"], data["history"], data["managers"], chosen)
    if page == "Book":
        book_page(current, past)
    else:
        customer_page(str(path), current, past)


main()
