"""The row engine: the demo preset, drawn row by row in Python (standard library only).

Every account follows one archetype of ``world.ARCHETYPES``; each area (contacts,
commercials, cases, surveys, ...) draws from its own ``random.Random`` stream seeded by
(seed, area, account), so the output is a pure function of the arguments (same
arguments, byte-identical files). On top of the clean rows it plants every kind of
defect of ``world.DEFECT_REASONS`` as extra rows and lists each in a manifest
(``table_name,row_key,disposition,reason_code``) that the tests compare with what
staging rejects; a few clean rows spell enum values in other case, spaces or hyphens
(``Mid-Market``, ``Login``): staging normalizes those, so they are not defects.

This engine pins the committed demo seeds byte for byte (tests/python/test_generator.py). It keeps every
row in memory, so the scale presets use the set engine (``sets.py``): docs/architecture.md, "Why two engines".
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from .world import (ACCOUNTS_PER_MANAGER, ACCOUNT_UPDATED_WITHIN_DAYS, ACV_RANGE, ADDON_SEATS_SHARE,
                    ADDON_VALUE_WEIGHT, ADVOCACY_P, ADVOCACY_TYPES, ADVOCACY_TYPE_WEIGHTS, ARCHETYPE_SHARES,
                    BUSINESS_REVIEW_CAP, BUSINESS_REVIEW_FACTOR, CASES_BY_SEGMENT, CASE_CATEGORIES,
                    CASE_CHANNEL_WEIGHTS, CASE_CHURNING_DAYS, CASE_CSAT_ESCALATION_PENALTY, CASE_CSAT_SD,
                    CASE_FACTOR, CASE_FACTOR_CHURNING, CASE_FACTOR_DRIFTED, CASE_FACTOR_ONBOARDING,
                    CASE_ONBOARDING_DAYS, CASE_PRIORITIES, CASE_PRIORITY_WEIGHTS, CASE_RATED_P,
                    CASE_RESOLUTION_HOURS, CHILD_SEGMENT_STEP_WEIGHTS, CHURNED_DAYS_AGO, CHURNED_TENURE_YEARS,
                    CHURN_DECLINE_DAYS, CHURN_DROP, CHURN_FLOOR, CHURN_SENTIMENT_DAYS, CHURN_SENTIMENT_DROP,
                    CHURN_SENTIMENT_LEAD_DAYS, COLUMNS_OF, COMMENTS, COMMENT_HIGH_FROM, COMMENT_MID_FROM,
                    CONTACTS_PER_ACCOUNT, CORE_SEATS, CROSS_SELLS, CROSS_SELL_DEMO_DAYS, CROSS_SELL_TRIAL_DAYS,
                    CUSTOMER_DAYS_AGO, DEPLOY_CHECK_DAYS, DEPLOY_FIRST_DAYS, DEPLOY_FOLLOW_DAYS, DEPLOY_LAG,
                    DRIFT_DAYS_AGO, DRIFT_FALL_DAYS, DRIFT_FLOOR, DRIFT_SENTIMENT_DAYS, DRIFT_SENTIMENT_DROP,
                    EARLY_CONTACT_DAYS, EARLY_CONTACT_P, EMAIL_BOUNCE_P, EMAIL_CLICK, EMAIL_CLICK_DELAY_SECONDS,
                    EMAIL_OPEN, EMAIL_OPEN_DELAY_MINUTES, EMAIL_SEND_P, EMAIL_UNSUBSCRIBE_DELAY_SECONDS,
                    EMAIL_UNSUBSCRIBE_P, ENUMS, ESCALATION_P, ESCALATION_P_CHURNING, ESCALATION_P_DRIFTED,
                    EVENT_ATTENDANCE, EVENT_REGISTRATION_P, FEATURES, FEATURE_BREADTH_MIN, FEATURE_BREADTH_SHARE,
                    FEATURE_USES, FEATURE_USE_MINUTES, FIRST_NAMES, FUTURE_TS, GHOST_SURVEY_ID, GROWTH_P,
                    GROWTH_RATE, ID_COL, INDUSTRIES, INQUIRIES_PER_MONTH, INTENSITY, INVITATION_ACCOUNT_P,
                    JOB_TITLES, JOB_TITLES_PRIMARY, KEYS, LAST_NAMES, LEADERSHIP_TEAM, LEVEL_RANGE,
                    LOST_CROSS_SELL_CLOSE_DAYS, LOST_CROSS_SELL_P, LOST_CROSS_SELL_SHARE, MANAGER_TEAMS,
                    MEETINGS_BY_SEGMENT, MEETING_RATE, MIN_MANAGERS, MODULES, MODULES_FINAL, MOOD_RANGE,
                    NAME_PREFIXES, NAME_SUFFIXES, NEWLY_ONBOARDED_DAYS_AGO, ONBOARDING_DAYS, ONBOARDING_GAIN,
                    OPEN_EXPANSION_DAYS, OPEN_EXPANSION_P, OPEN_EXPANSION_SHARE, OPPORTUNITY_DAYS,
                    OUT_OF_RANGE_CSAT, OUT_OF_RANGE_SCORE, PARENT_INDUSTRY_KEEP_P, PARENT_MANAGER_KEEP_P,
                    PARENT_REGION_KEEP_P, PRIMARY_CONTACT_DAYS, REGIONS, REGION_HOURS, REGION_WEIGHTS, REQUIRED,
                    RESPONSE_ACCOUNT_P, RESPONSE_COMMENT_P, RESPONSE_P, RESPONSE_P_DRIFTED, ROOT_SEGMENT_WEIGHTS,
                    SEGMENTS, SEGMENT_SHARES, SENTIMENT, STRATEGIC_TEAM, STRATEGIC_TEAM_MIN_MANAGERS,
                    SUPERSEDED_AGE_DAYS, SUPERSEDED_MIN_TENURE_DAYS, SURVEYS, SURVEY_SCALES, SURVEY_SCORE_SD,
                    TABLES, TOUCHPOINT_CONTACT_P, UNIT_NAMES, UNKNOWN_ENUM, USERS_PER_ACCOUNT, WALLET_BELOW_SPEND_P,
                    WALLET_BELOW_SPEND_SHARE, WALLET_SHARE, WALLET_SPEND_SPREAD, Window, add_years,
                    campaign_calendar, event_calendar, ghost_id, make_id, month_starts, release_calendar, rng_for)

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):  # every float in this data set is money
        return f"{value:.2f}"
    return str(value)


def norm_enum(value: str) -> str:
    return value.strip().lower().replace(" ", "_").replace("-", "_")


def row_key(table: str, row: dict) -> str:
    return "|".join(fmt(row.get(c)) for c in KEYS[table])


# --------------------------------------------------------------------------
# The world
# --------------------------------------------------------------------------
def number_rows(table: str, rows: list[dict]):
    """Give the rows, in their order, the table's ids 1, 2, ... (its key column, world.ID_COL)."""
    col = ID_COL[table]
    for i, r in enumerate(rows):
        r[col] = make_id(table, i + 1)


@dataclass
class Account:
    account_id: str
    name: str
    parent: "Account | None"
    depth: int
    segment: str = ""
    region: str = ""
    industry: str = ""
    archetype: str = ""
    manager_id: str = ""
    customer_since: dt.date = dt.date(2000, 1, 1)
    churned_at: dt.date | None = None
    drift_start: dt.date | None = None
    level: float = 1.0          # per-account activity level multiplier
    mood: float = 0.75          # per-account baseline sentiment (steady accounts)
    contacts: list = field(default_factory=list)
    users: list = field(default_factory=list)
    module_added: dict = field(default_factory=dict)   # module -> date first licensed
    feature_pref: list = field(default_factory=list)
    acv: float = 0.0

    @property
    def last_day(self) -> dt.date:
        return self.churned_at - days(1) if self.churned_at else CTX.end

    def active_on(self, d: dt.date) -> bool:
        return self.customer_since <= d <= min(self.last_day, CTX.end)

    def intensity(self, d: dt.date) -> float:
        """How engaged the account is on day d (0 when not a customer)."""
        if not self.active_on(d):
            return 0.0
        a = self.archetype
        if a == "drifting" and d >= self.drift_start:     # steep fall over the first weeks after the drift starts
            v = max(DRIFT_FLOOR, INTENSITY[a] - (d - self.drift_start).days / DRIFT_FALL_DAYS)
        elif a == "newly_onboarded":
            v = INTENSITY[a] + ONBOARDING_GAIN * min(1.0, (d - self.customer_since).days / ONBOARDING_DAYS)
        elif a == "churned":
            decline = self.churned_at - days(CHURN_DECLINE_DAYS)
            v = INTENSITY[a] if d < decline else max(
                CHURN_FLOOR, INTENSITY[a] - CHURN_DROP * (d - decline).days / CHURN_DECLINE_DAYS)
        else:
            v = INTENSITY[a]
        return v * self.level

    def sentiment(self, d: dt.date) -> float:
        """Underlying satisfaction in [0, 1] on day d."""
        a = self.archetype
        if a == "steady":
            return self.mood
        if a == "drifting" and d >= self.drift_start:
            return SENTIMENT[a] - DRIFT_SENTIMENT_DROP * min(1.0, (d - self.drift_start).days / DRIFT_SENTIMENT_DAYS)
        if a == "churned":
            decline = self.churned_at - days(CHURN_SENTIMENT_LEAD_DAYS)
            if d >= decline:
                return SENTIMENT[a] - CHURN_SENTIMENT_DROP * min(1.0, (d - decline).days / CHURN_SENTIMENT_DAYS)
        return SENTIMENT[a]

    def contacts_on(self, ts: dt.datetime) -> list:
        return [c for c in self.contacts if c["created_at"] <= ts]


class Context:
    """The time window of the current run (set by generate())."""
    end: dt.date
    end_ts: dt.datetime
    start: dt.date
    usage_start: dt.date
    ai_launch: dt.date

    def set(self, window: Window):
        self.window = window
        self.end, self.end_ts, self.start = window.end, window.end_ts, window.start
        self.usage_start, self.ai_launch = window.usage_start, window.ai_launch


CTX = Context()


def rand_ts(rng: random.Random, d: dt.date, region: str) -> dt.datetime:
    lo, hi = REGION_HOURS[region]
    return dt.datetime(d.year, d.month, d.day, rng.randint(lo, hi), rng.randint(0, 59), rng.randint(0, 59))


def rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + days(rng.randint(0, max(0, (hi - lo).days)))


# --------------------------------------------------------------------------
# Generators, one per area
# --------------------------------------------------------------------------
def build_managers(seed: int, n_accounts: int):
    rng = rng_for(seed, "managers")
    n = max(MIN_MANAGERS, round(n_accounts / ACCOUNTS_PER_MANAGER))
    teams = list(MANAGER_TEAMS)
    strategic = STRATEGIC_TEAM[0]
    if n >= STRATEGIC_TEAM_MIN_MANAGERS:
        teams.insert(0, STRATEGIC_TEAM)
    names = [f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(names)
    rows, reps = [], []

    def add(name, team, region, reports_to, active=True):
        mid = make_id("managers", len(rows) + 1)
        first, last = name.split(" ", 1)
        rows.append({"manager_id": mid, "manager_name": name,
                     "email": f"{first.lower()}.{last.lower()}@vendor.example", "team": team,
                     "region": region, "reports_to_manager_id": reports_to, "is_active": active})
        return mid

    vp = add(names[0], LEADERSHIP_TEAM, "amer", None)
    leads = {}
    for i, (team, region) in enumerate(teams):
        leads[team] = add(names[1 + i], team, region, vp)
    pattern = [t for t, _ in teams if t != strategic]
    pattern = ([strategic] if strategic in leads else []) + pattern + pattern[:2]
    team_region = dict(teams)
    for i in range(n - 1 - len(teams)):
        team = pattern[i % len(pattern)]
        region = rng.choice(REGIONS) if team == strategic else team_region[team]
        reps.append(add(names[1 + len(teams) + i], team, region, leads[team]))
    # Two managers who left: still listed, inactive, own no accounts.
    inactive = set(rng.sample(reps[len(teams):], 2))
    for row in rows:
        if row["manager_id"] in inactive:
            row["is_active"] = False
    active_reps = [r for r in rows if r["manager_id"] in reps and r["manager_id"] not in inactive]
    return rows, active_reps


def build_accounts(seed: int, n: int, active_reps: list) -> list[Account]:
    rng = rng_for(seed, "accounts")
    # Hierarchy skeleton: (parent index or None, depth).
    nodes: list[tuple[int | None, int]] = []
    n_parents = round(0.15 * n)
    for _ in range(n_parents):
        if n - len(nodes) < 0.35 * n + 5:
            break
        p = len(nodes)
        nodes.append((None, 0))
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4])):
            c = len(nodes)
            nodes.append((p, 1))
            if rng.random() < 0.25:
                for _ in range(rng.choice([1, 1, 2])):
                    nodes.append((c, 2))
    while len(nodes) < n:
        nodes.append((None, 0))
    has_children = {p for p, _ in nodes if p is not None}

    ids = [make_id("accounts", i + 1) for i in range(n)]
    rng.shuffle(ids)
    combos = [f"{p} {s}" for p in NAME_PREFIXES for s in NAME_SUFFIXES]
    rng.shuffle(combos)
    # beyond len(combos) standalone accounts (about 1,700 accounts) names repeat with a number, as in sets.py
    reused, roots = list(reversed(combos)), 0
    used_names: set[str] = set()
    accounts: list[Account] = []
    for i, (p, depth) in enumerate(nodes):
        parent = accounts[p] if p is not None else None
        if parent is None:
            k = roots         # the roots named before this one
            roots += 1
            name = combos.pop() if combos else f"{reused[k % len(reused)]} {k // len(reused) + 1}"
        else:
            units = [u for u in UNIT_NAMES if f"{parent.name} {u}" not in used_names]
            name = f"{parent.name} {rng.choice(units)}"
        used_names.add(name)
        accounts.append(Account(account_id=ids[i], name=name, parent=parent, depth=depth))

    # Segments: hierarchies lean large; standalone accounts fill up the target mix.
    order = SEGMENTS
    counts = {s: 0 for s in order}
    standalone = []
    for i, acc in enumerate(accounts):
        if acc.parent is None and i in has_children:
            acc.segment = rng.choices(order, weights=ROOT_SEGMENT_WEIGHTS)[0]
        elif acc.parent is not None:
            step = rng.choices([0, 1, 2], weights=CHILD_SEGMENT_STEP_WEIGHTS)[0]
            acc.segment = order[min(2, order.index(acc.parent.segment) + step)]
        else:
            standalone.append(acc)
            continue
        counts[acc.segment] += 1
    fill = []
    for s, share in SEGMENT_SHARES:
        fill += [s] * max(0, round(share * n) - counts[s])
    rng.shuffle(fill)
    for k, acc in enumerate(standalone):
        acc.segment = fill[k] if k < len(fill) else "smb"

    for acc in accounts:
        if acc.parent is None:
            acc.region = rng.choices(REGIONS, weights=REGION_WEIGHTS)[0]
            acc.industry = rng.choice(INDUSTRIES)
        else:
            acc.region = acc.parent.region if rng.random() < PARENT_REGION_KEEP_P else rng.choice(REGIONS)
            acc.industry = acc.parent.industry if rng.random() < PARENT_INDUSTRY_KEEP_P else rng.choice(INDUSTRIES)

    # Archetypes: exact shares, shuffled.
    arche = []
    for a, share in ARCHETYPE_SHARES.items():
        arche += [a] * round(share * n)
    arche = (arche + ["steady"] * n)[:n]
    rng.shuffle(arche)
    for acc, a in zip(accounts, arche):
        acc.archetype = a

    # Managers: enterprise -> strategic team, others -> their region's team; least loaded first.
    load = {m["manager_id"]: 0 for m in active_reps}

    def pick_manager(acc: Account) -> str:
        if acc.segment == "enterprise":
            cands = [m for m in active_reps if m["team"] == STRATEGIC_TEAM[0]]
        else:
            cands = [m for m in active_reps if m["team"] != STRATEGIC_TEAM[0] and m["region"] == acc.region]
        cands = cands or active_reps
        best = min(cands, key=lambda m: (load[m["manager_id"]], m["manager_id"]))
        return best["manager_id"]

    for acc in accounts:  # parents come before their children in `accounts`
        if acc.parent is not None and rng.random() < PARENT_MANAGER_KEEP_P:
            acc.manager_id = acc.parent.manager_id
        else:
            acc.manager_id = pick_manager(acc)
        load[acc.manager_id] += 1

    # Lifecycle dates.
    end = CTX.end
    for acc in accounts:
        a = acc.archetype
        if a == "newly_onboarded":
            acc.customer_since = end - days(rng.randint(*NEWLY_ONBOARDED_DAYS_AGO))
        elif a == "churned":
            churn = end - days(rng.randint(*CHURNED_DAYS_AGO))
            since = add_years(churn, -rng.randint(*CHURNED_TENURE_YEARS))
            acc.customer_since, acc.churned_at = since, add_years(since, (churn.year - since.year))
            if acc.churned_at > end - days(14):
                acc.churned_at = add_years(acc.churned_at, -1)
                acc.customer_since = add_years(acc.customer_since, -1)
        else:
            acc.customer_since = end - days(rng.randint(*CUSTOMER_DAYS_AGO))
        if acc.customer_since.month == 2 and acc.customer_since.day == 29:
            acc.customer_since -= days(1)
            if acc.churned_at:
                acc.churned_at = add_years(acc.customer_since, acc.churned_at.year - acc.customer_since.year)
        if a == "drifting":
            acc.drift_start = end - days(rng.randint(*DRIFT_DAYS_AGO))
        # three draws whatever the archetype (champion's, steady's, the others'): the demo's streams rest on it
        champion, steady = rng.uniform(*LEVEL_RANGE["champion"]), rng.uniform(*LEVEL_RANGE["steady"])
        other = rng.uniform(*LEVEL_RANGE["drifting" if a in ("champion", "steady") else a])
        acc.level = {"champion": champion, "steady": steady}.get(a, other)
        acc.mood = rng.uniform(*MOOD_RANGE)
        prefs = [f for m in MODULES for f in FEATURES[m]]
        rng.shuffle(prefs)
        acc.feature_pref = prefs
    return accounts


def build_releases(seed: int):
    releases = release_calendar(seed, CTX.window, CTX.end)
    rows = [{"product_module": m, "version": v, "released_on": d} for m in MODULES for v, d in releases[m]]
    return releases, rows


def build_contacts(seed: int, accounts: list[Account]):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "contacts", acc.account_id)
        lo, hi = CONTACTS_PER_ACCOUNT[acc.segment]
        n = rng.randint(lo, hi)
        domain = "".join(ch for ch in acc.name.lower() if ch.isalnum()) + ".example"
        span_end = acc.last_day
        people = []
        for k in range(n):
            if k == 0:
                d = acc.customer_since + days(rng.randint(*PRIMARY_CONTACT_DAYS))
            elif acc.archetype == "newly_onboarded" or rng.random() < EARLY_CONTACT_P:
                d = acc.customer_since + days(rng.randint(*EARLY_CONTACT_DAYS))
            else:
                d = rand_date(rng, acc.customer_since, span_end)
            d = min(d, span_end)
            people.append((rand_ts(rng, d, acc.region), k == 0))
        people.sort(key=lambda p: p[0])
        seen = set()
        for k, (created, primary) in enumerate(people):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if (first, last) not in seen:
                    seen.add((first, last))
                    break
            title = rng.choice(JOB_TITLES_PRIMARY if primary else JOB_TITLES)
            rows.append({"contact_id": None, "account_id": acc.account_id,
                         "email": f"{first.lower()}.{last.lower()}@{domain}", "full_name": f"{first} {last}",
                         "job_title": title, "is_primary": primary, "created_at": created})
            acc.contacts.append(rows[-1])
    number_rows("contacts", rows)
    return rows


def build_commercials(seed: int, accounts: list[Account], releases):
    """Licenses, opportunities, deployments and contract values (all consistent with each other)."""
    licenses, opps, deployments, extra_activities = [], [], [], []
    end, start = CTX.end, CTX.start
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "commercials", acc.account_id)
        cs, a = acc.customer_since, acc.archetype
        # Yearly terms on the customer's anniversary.
        term_starts = []
        while True:
            s = add_years(cs, len(term_starts))
            if s > end or (acc.churned_at and s >= acc.churned_at):
                break
            term_starts.append(s)
        term_ends = [add_years(cs, k + 1) - days(1) for k in range(len(term_starts))]

        # Modules: initial set at signing, cross-sells later.
        n_final = rng.randint(*MODULES_FINAL[a])
        n_cross = min(rng.choice(CROSS_SELLS[a]), n_final - 1)
        lo = max(start, cs + days(120))
        hi = acc.last_day - days(60)
        if a == "drifting":
            hi = min(hi, acc.drift_start - days(60))
        hi = min(hi, end - days(20))
        cross_dates = sorted(rand_date(rng, lo, hi) for _ in range(n_cross)) if hi > lo else []
        base_pool = [m for m in MODULES[1:] if m != "ai_assist" or cs >= CTX.ai_launch]
        rng.shuffle(base_pool)
        initial = ["core"] + base_pool[:n_final - 1 - len(cross_dates)]
        added = {m: cs for m in initial}
        for d in cross_dates:
            cands = [m for m in MODULES if m not in added and (m != "ai_assist" or d >= CTX.ai_launch + days(30))]
            if cands:
                added[rng.choice(cands)] = d
        acc.module_added = added

        # Values: final (current) values sum to the contract value target.
        lo_acv, hi_acv = ACV_RANGE[acc.segment]
        target = math.exp(rng.uniform(math.log(lo_acv), math.log(hi_acv)))
        weights = {m: (1.0 if m == "core" else rng.uniform(*ADDON_VALUE_WEIGHT)) for m in added}
        core_seats = rng.randint(*CORE_SEATS[acc.segment])
        final_value = {m: target * w / sum(weights.values()) for m, w in weights.items()}
        final_seats = {m: (core_seats if m == "core" else max(3, round(core_seats * rng.uniform(*ADDON_SEATS_SHARE))))
                       for m in added}
        # Growth at renewals inside the period (expansions).
        growth = {}
        for k in range(1, len(term_starts)):
            s = term_starts[k]
            if s < start:
                continue
            p = GROWTH_P[a]
            if a == "drifting" and s >= acc.drift_start - days(30):
                p = 0.0
            if a == "churned" and s >= acc.churned_at - days(240):
                p = 0.0
            if rng.random() < p:
                growth[k] = rng.uniform(*GROWTH_RATE)

        def term_of(d: dt.date) -> int:
            return max(k for k, s in enumerate(term_starts) if s <= d)

        def value(m: str, k: int) -> tuple[float, int]:
            factor = 1.0
            for j, r in growth.items():
                if j > k and term_starts[j] > added[m]:
                    factor *= 1 + r
            return round(final_value[m] / factor, 2), max(1, round(final_seats[m] / factor))

        last_k = len(term_starts) - 1
        acc.acv = round(sum(value(m, last_k)[0] for m in added), 2)

        for m in sorted(added, key=MODULES.index):
            k0 = term_of(added[m])
            for k in range(k0, len(term_starts)):
                s = added[m] if k == k0 else term_starts[k]
                e = term_ends[k]
                if e < start:
                    continue
                v, seats = value(m, k)
                licenses.append({"license_id": None, "account_id": acc.account_id, "product_module": m,
                                 "seats": seats, "starts_on": s, "ends_on": e, "annual_value": v})

        def opp(kind, amount, created, closed, won, stage=None):
            if closed is not None and closed > CTX.end_ts:
                closed = None
            if created > CTX.end_ts:
                return
            is_closed = closed is not None
            opps.append({"opportunity_id": None, "account_id": acc.account_id, "opportunity_type": kind,
                         "amount": round(amount, 2),
                         "stage": stage or ("closed_won" if won else "closed_lost"),
                         "is_won": won if is_closed else None, "is_closed": is_closed,
                         "created_at": created, "closed_at": closed})

        def ts(d):
            return rand_ts(rng, d, acc.region)

        made, shut = OPPORTUNITY_DAYS["new_business"]    # days before the start
        opp("new_business", sum(value(m, 0)[0] for m in added if added[m] == cs),
            ts(cs - days(rng.randint(*made))), ts(cs - days(rng.randint(*shut))), True)
        for k in range(1, len(term_starts)):
            s = term_starts[k]
            if s < start:
                continue
            prev = [m for m in added if added[m] < s]
            opp("renewal", sum(value(m, k - 1)[0] for m in prev),
                ts(s - days(rng.randint(*OPPORTUNITY_DAYS["renewal"][0]))),
                ts(s - days(rng.randint(*OPPORTUNITY_DAYS["renewal"][1]))), True)
            if k in growth:
                delta = sum(value(m, k)[0] - value(m, k - 1)[0] for m in prev)
                made, shut = OPPORTUNITY_DAYS["expansion"]
                opp("expansion", delta, ts(s - days(rng.randint(*made))), ts(s - days(rng.randint(*shut))), True)
        for m, d in added.items():
            if d != cs:
                created = ts(d - days(rng.randint(*OPPORTUNITY_DAYS["cross_sell"][0])))
                opp("cross_sell", value(m, term_of(d))[0], created,
                    ts(d - days(rng.randint(*OPPORTUNITY_DAYS["cross_sell"][1]))), True)
                extra_activities.append((acc, "demo", created + days(rng.randint(*CROSS_SELL_DEMO_DAYS))))
                extra_activities.append((acc, "trial", created + days(rng.randint(*CROSS_SELL_TRIAL_DAYS))))
        if acc.churned_at:
            c = acc.churned_at
            made, shut = OPPORTUNITY_DAYS["lost_renewal"]
            opp("renewal", acc.acv, ts(c - days(rng.randint(*made))), ts(c - days(rng.randint(*shut))), False)
        else:
            nxt = add_years(cs, len(term_starts))
            if nxt - days(100) <= end:
                created = ts(min(end, nxt - days(rng.randint(*OPPORTUNITY_DAYS["open_renewal"][0]))))
                opp("renewal", acc.acv, created, None, False,
                    stage="negotiation" if a == "drifting" else rng.choice(["proposal", "negotiation"]))
        if a in ("steady", "drifting") and rng.random() < LOST_CROSS_SELL_P:
            d = rand_date(rng, max(start, cs + days(60)), acc.last_day - days(70))
            if d >= cs:
                opp("cross_sell", target * rng.uniform(*LOST_CROSS_SELL_SHARE), ts(d),
                    ts(d + days(rng.randint(*LOST_CROSS_SELL_CLOSE_DAYS))), False)
        if a == "champion" and rng.random() < OPEN_EXPANSION_P:
            opp("expansion", acc.acv * rng.uniform(*OPEN_EXPANSION_SHARE), ts(end - days(rng.randint(*OPEN_EXPANSION_DAYS))),
                None, False,
                stage=rng.choice(["qualification", "proposal"]))

        # Deployments: a row each time the customer reports a new version.
        for m in sorted(added, key=MODULES.index):
            rel = releases[m]
            first = max(added[m], start) + days(rng.randint(*DEPLOY_FIRST_DAYS))
            limit = min(acc.last_day, end)
            if first > limit:
                continue

            def latest(d):
                return max(i for i, (_, r) in enumerate(rel) if r <= d)

            cap = len(rel) - 1
            if a == "drifting":
                cap = max(0, len(rel) - 4 - rng.randint(0, 1))
            # a draw for every archetype with a lag range, whatever this one's: the demo's streams rest on it
            lags = {x: rng.randint(*r) if r != (0, 0) else 0 for x, r in DEPLOY_LAG.items()}
            lag = lags[a]
            cur = clamp(latest(first) - lag, 0, cap)
            deployments.append({"account_id": acc.account_id, "product_module": m, "version": rel[cur][0],
                                "reported_at": ts(first)})
            if a not in DEPLOY_CHECK_DAYS:
                for i in range(cur + 1, len(rel)):
                    d = rel[i][1] + days(rng.randint(*DEPLOY_FOLLOW_DAYS))
                    if d > limit:
                        break
                    deployments.append({"account_id": acc.account_id, "product_module": m,
                                        "version": rel[i][0], "reported_at": ts(d)})
            else:
                step = DEPLOY_CHECK_DAYS[a]
                d = first
                while True:
                    d += days(rng.randint(*step))
                    if d > limit:
                        break
                    target_i = min(latest(d), cap)
                    if target_i > cur:
                        cur = target_i
                        deployments.append({"account_id": acc.account_id, "product_module": m,
                                            "version": rel[cur][0], "reported_at": ts(d)})
    licenses.sort(key=lambda r: (r["account_id"], MODULES.index(r["product_module"]), r["starts_on"]))
    number_rows("licenses", licenses)
    opps.sort(key=lambda r: (r["created_at"], r["account_id"], r["opportunity_type"]))
    number_rows("opportunities", opps)
    deployments.sort(key=lambda r: (r["account_id"], MODULES.index(r["product_module"]), r["reported_at"]))
    return licenses, opps, deployments, extra_activities


def build_wallet(seed: int, accounts: list[Account]):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "wallet", acc.account_id)
        lo = max(acc.customer_since, CTX.start) + days(20)
        hi = acc.last_day
        if lo > hi:
            lo = acc.customer_since
        dates = sorted({rand_date(rng, lo, hi) for _ in range(1 if rng.random() < 0.5 else 2)})
        share = rng.uniform(*WALLET_SHARE[acc.archetype])
        if rng.random() < WALLET_BELOW_SPEND_P:   # the estimate is sometimes below what the customer already pays
            share = rng.uniform(*WALLET_BELOW_SPEND_SHARE)
        for d in dates:
            spend = round(acc.acv / share * rng.uniform(*WALLET_SPEND_SPREAD), -2)
            rows.append({"account_id": acc.account_id, "estimated_annual_spend": float(spend), "estimated_on": d})
    return rows


def build_activities(seed: int, accounts: list[Account], extra):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "activities", acc.account_id)
        seg = MEETINGS_BY_SEGMENT[acc.segment]
        for ms in month_starts(CTX.start, CTX.end):
            mid = ms + days(14)
            lvl = acc.intensity(mid) if acc.active_on(mid) else 0.0
            if lvl == 0:
                continue
            plan = [("meeting", poisson(rng, MEETING_RATE * seg * lvl)), ("inquiry", poisson(rng, INQUIRIES_PER_MONTH))]
            if acc.segment != "smb" and ms.month in (1, 4, 7, 10):
                p = min(BUSINESS_REVIEW_CAP, BUSINESS_REVIEW_FACTOR * lvl)
                plan.append(("business_review", 1 if rng.random() < p else 0))
            for kind, count in plan:
                for _ in range(count):
                    d = ms + days(rng.randint(0, 27))
                    if acc.active_on(d):
                        rows.append((acc, kind, rand_ts(rng, d, acc.region), rng))
    for acc, kind, d in extra:
        rng = rng_for(seed, "activities-extra", acc.account_id, kind, d.isoformat())
        day = d.date()
        if acc.active_on(day) and day >= CTX.start:
            rows.append((acc, kind, rand_ts(rng, day, acc.region), rng))
    out = []
    for acc, kind, ts, rng in rows:
        people = acc.contacts_on(ts)
        contact = None
        if people and rng.random() < TOUCHPOINT_CONTACT_P["activities"]:
            prim = [c for c in people if c["is_primary"]]
            contact = prim[0] if (kind == "business_review" and prim) else rng.choice(people)
        out.append({"activity_id": None, "account_id": acc.account_id,
                    "contact_id": contact["contact_id"] if contact else None,
                    "activity_type": kind, "occurred_at": ts})
    out.sort(key=lambda r: (r["occurred_at"], r["account_id"], r["activity_type"], r["contact_id"] or ""))
    number_rows("activities", out)
    return out


def build_cases(seed: int, accounts: list[Account]):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "cases", acc.account_id)
        seg = CASES_BY_SEGMENT[acc.segment]
        for ms in month_starts(CTX.start, CTX.end):
            mid = ms + days(14)
            if not acc.active_on(mid):
                continue
            a = acc.archetype
            f, esc = CASE_FACTOR[a], ESCALATION_P[a]
            if a == "drifting" and mid >= acc.drift_start:
                f, esc = CASE_FACTOR_DRIFTED, ESCALATION_P_DRIFTED
            if a == "newly_onboarded" and (mid - acc.customer_since).days < CASE_ONBOARDING_DAYS:
                f = CASE_FACTOR_ONBOARDING
            if a == "churned" and mid >= acc.churned_at - days(CASE_CHURNING_DAYS):
                f, esc = CASE_FACTOR_CHURNING, ESCALATION_P_CHURNING
            for _ in range(poisson(rng, seg * f)):
                d = ms + days(rng.randint(0, 27))
                if not acc.active_on(d) or (acc.churned_at and d > acc.churned_at - days(35)):
                    continue
                opened = rand_ts(rng, d, acc.region)
                escalated = rng.random() < esc
                prio = rng.choices(CASE_PRIORITIES, weights=CASE_PRIORITY_WEIGHTS[escalated])[0]
                hours = CASE_RESOLUTION_HOURS[prio]
                closed = opened + dt.timedelta(hours=rng.randint(*hours), minutes=rng.randint(0, 59))
                if escalated:
                    closed += days(rng.randint(2, 10))
                if closed > CTX.end_ts:
                    closed, status = None, rng.choice(["open", "open", "pending"])
                elif closed + days(7) > CTX.end_ts:
                    status = "solved"
                else:
                    status = "closed"
                csat = None
                if closed is not None and rng.random() < CASE_RATED_P:
                    s = acc.sentiment(d) - (CASE_CSAT_ESCALATION_PENALTY if escalated else 0.0)
                    csat = clamp(round(1 + 4 * s + rng.gauss(0, CASE_CSAT_SD)), 1, 5)
                people = acc.contacts_on(opened)
                contact = rng.choice(people) if people and rng.random() < TOUCHPOINT_CONTACT_P["cases"] else None
                rows.append({"case_id": None, "account_id": acc.account_id,
                             "contact_id": contact["contact_id"] if contact else None,
                             "opened_at": opened, "closed_at": closed, "priority": prio, "status": status,
                             "channel": rng.choices(list(CASE_CHANNEL_WEIGHTS), weights=list(CASE_CHANNEL_WEIGHTS.values()))[0],
                             "category": rng.choice(CASE_CATEGORIES), "is_escalated": escalated,
                             "csat_score": csat, "_acc": acc})
    rows.sort(key=lambda r: (r["opened_at"], r["account_id"]))
    number_rows("cases", rows)
    return rows


SURVEY_ROWS = [{"survey_id": i, "survey_type": t, "survey_name": n} for i, t, n in SURVEYS]


def survey_score(rng: random.Random, kind: str, s: float) -> int:
    lo, hi = SURVEY_SCALES[kind]
    return clamp(round(lo + (hi - lo) * s + rng.gauss(0, SURVEY_SCORE_SD[kind])), lo, hi)


def build_surveys(seed: int, accounts: list[Account], cases: list[dict]):
    invitations = []   # (sent_at, survey_id, contact, acc)
    end = CTX.end
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "invitations", acc.account_id)
        # Relationship NPS waves, March and September.
        for ms in month_starts(CTX.start, end):
            if ms.month not in (3, 9):
                continue
            d = ms + days(14)
            if not acc.active_on(d) or (d - acc.customer_since).days < 30:
                continue
            sent = dt.datetime(d.year, d.month, d.day, 8, rng.randint(0, 59), rng.randint(0, 59))
            people = acc.contacts_on(sent)
            if not people:
                continue
            prim = [c for c in people if c["is_primary"]]
            others = [c for c in people if not c["is_primary"]]
            k = min(len(others), 4 if acc.segment == "enterprise" else 2)
            for c in prim + rng.sample(others, k):
                invitations.append((sent, "SRV-001", c, acc))
        # Onboarding effort survey for accounts that started inside the period.
        if acc.customer_since >= CTX.start:
            d = acc.customer_since + days(rng.randint(60, 90))
            if acc.active_on(d):
                sent = rand_ts(rng, d, acc.region)
                people = acc.contacts_on(sent)
                for c in people[:2]:
                    invitations.append((sent, "SRV-003", c, acc))
    for case in cases:
        if case["closed_at"] is None or case["contact_id"] is None:
            continue
        rng = rng_for(seed, "case-survey", case["case_id"])
        acc = case["_acc"]
        sent = case["closed_at"] + dt.timedelta(hours=rng.randint(1, 3))
        if sent > CTX.end_ts or sent.date() > acc.last_day:
            continue
        contact = next(c for c in acc.contacts if c["contact_id"] == case["contact_id"])
        u = rng.random()
        if u < 0.5:
            invitations.append((sent, "SRV-002", contact, acc))
        elif u < 0.65:
            invitations.append((sent, "SRV-005", contact, acc))
    invitations.sort(key=lambda t: (t[0], t[1], t[2]["contact_id"]))
    inv_rows = []
    kind_of = {s["survey_id"]: s["survey_type"] for s in SURVEY_ROWS}
    responses = []
    for i, (sent, sid, contact, acc) in enumerate(invitations):
        iid = make_id("invitations", i + 1)
        rng = rng_for(seed, "responses", iid)
        inv_rows.append({"invitation_id": iid, "survey_id": sid, "contact_id": contact["contact_id"],
                         "account_id": acc.account_id if rng.random() < INVITATION_ACCOUNT_P else None, "sent_at": sent})
        a = acc.archetype
        p = RESPONSE_P[a]
        if a == "drifting" and sent.date() >= acc.drift_start:
            p = RESPONSE_P_DRIFTED
        if rng.random() >= p:
            continue
        resp = sent + dt.timedelta(hours=rng.randint(1, 240), minutes=rng.randint(0, 59))
        if resp > CTX.end_ts or resp.date() > acc.last_day:
            continue
        responses.append((resp, sid, iid, contact, acc, rng))
    # In-app NPS: no invitation, answered inside the product.
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "inapp", acc.account_id)
        for ms in month_starts(CTX.usage_start, CTX.end):
            if ms.month % 3 != 1:
                continue
            d = ms + days(rng.randint(0, 80))
            if not acc.active_on(d) or rng.random() > 0.35 * min(1.2, acc.intensity(d)):
                continue
            resp = rand_ts(rng, d, acc.region)
            people = acc.contacts_on(resp)
            if people:
                responses.append((resp, "SRV-004", None, rng.choice(people), acc, rng))
    responses.sort(key=lambda t: (t[0], t[1], t[3]["contact_id"]))
    resp_rows = []
    for i, (resp, sid, iid, contact, acc, rng) in enumerate(responses):
        s = acc.sentiment(resp.date())
        score = survey_score(rng, kind_of[sid], s)
        lo, hi = SURVEY_SCALES[kind_of[sid]]
        rel = (score - lo) / (hi - lo)
        comment = None
        if rng.random() < RESPONSE_COMMENT_P:
            comment = rng.choice(COMMENTS["high" if rel >= COMMENT_HIGH_FROM else "mid" if rel >= COMMENT_MID_FROM
                                          else "low"])
        resp_rows.append({"response_id": make_id("responses", i + 1), "survey_id": sid, "invitation_id": iid,
                          "contact_id": contact["contact_id"],
                          "account_id": acc.account_id if rng.random() < RESPONSE_ACCOUNT_P else None,
                          "responded_at": resp, "score": score, "comment": comment})
    return [dict(s) for s in SURVEY_ROWS], inv_rows, resp_rows


def build_events(seed: int, accounts: list[Account]):
    events = event_calendar(seed, CTX.start, CTX.end)   # (datetime, type, name, region or None)
    events = [e for e in events if e[0].date() <= CTX.end]
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    base_p = EVENT_REGISTRATION_P
    regs = []
    contacts = [(acc, c) for acc in sorted(accounts, key=lambda a: a.account_id) for c in acc.contacts]
    for i, (when, kind, name, region) in enumerate(events):
        eid = make_id("events", i + 1)
        erng = rng_for(seed, "registrations", eid)
        for acc, c in contacts:
            if region and acc.region != region:
                continue
            reg_day = when.date() - days(erng.randint(1, 30))
            if not acc.active_on(reg_day) or reg_day < CTX.start:
                continue
            lvl = acc.intensity(reg_day)
            if acc.archetype == "drifting" and reg_day >= acc.drift_start:
                lvl *= 0.3
            if erng.random() >= base_p[kind] * lvl:
                continue
            registered = rand_ts(erng, reg_day, acc.region)
            if registered < c["created_at"]:
                continue
            p_att = clamp(EVENT_ATTENDANCE[0] + EVENT_ATTENDANCE[1] * acc.intensity(when.date()), 0.0, EVENT_ATTENDANCE[2])
            if acc.archetype == "drifting" and when.date() >= acc.drift_start:
                p_att = 0.0
            if not acc.active_on(when.date()):
                p_att = 0.0
            attended = erng.random() < p_att
            attended_at = when + dt.timedelta(minutes=erng.randint(0, 15)) if attended else None
            regs.append({"registration_id": None, "event_id": eid, "event_name": name, "event_type": kind,
                         "contact_id": c["contact_id"], "registered_at": registered, "attended": attended,
                         "attended_at": attended_at})
    regs.sort(key=lambda r: (r["registered_at"], r["event_id"], r["contact_id"]))
    number_rows("event_registrations", regs)
    return regs


def build_emails(seed: int, accounts: list[Account]):
    contacts = [(acc, c) for acc in sorted(accounts, key=lambda a: a.account_id) for c in acc.contacts]
    gone: set[str] = set()   # unsubscribed or hard-bounced
    events = []
    for n, d in campaign_calendar(seed, CTX.window):
        cid = make_id("campaigns", n)
        send = dt.datetime(d.year, d.month, d.day, 9, 0)
        crng = rng_for(seed, "emails", cid)
        for acc, c in contacts:
            if c["contact_id"] in gone or c["created_at"] > send or not acc.active_on(d):
                continue
            if crng.random() >= EMAIL_SEND_P:
                continue
            sent = send + dt.timedelta(minutes=crng.randint(0, 120), seconds=crng.randint(0, 59))
            seq = [(sent, "sent")]
            if crng.random() < EMAIL_BOUNCE_P:
                seq.append((sent + dt.timedelta(seconds=crng.randint(2, 50)), "bounce"))
                if crng.random() < 0.3:
                    gone.add(c["contact_id"])
            else:
                seq.append((sent + dt.timedelta(seconds=crng.randint(2, 90)), "delivered"))
                lvl = acc.intensity(d)
                if crng.random() < clamp(EMAIL_OPEN[0] + EMAIL_OPEN[1] * lvl, EMAIL_OPEN[2], EMAIL_OPEN[3]):
                    opened = sent + dt.timedelta(minutes=crng.randint(*EMAIL_OPEN_DELAY_MINUTES))
                    seq.append((opened, "open"))
                    if crng.random() < EMAIL_CLICK[0] + EMAIL_CLICK[1] * min(lvl, EMAIL_CLICK[2]):
                        seq.append((opened + dt.timedelta(seconds=crng.randint(*EMAIL_CLICK_DELAY_SECONDS)), "click"))
                if crng.random() < EMAIL_UNSUBSCRIBE_P:
                    delay = dt.timedelta(seconds=crng.randint(*EMAIL_UNSUBSCRIBE_DELAY_SECONDS))
                    seq.append((max(t for t, _ in seq) + delay, "unsubscribe"))
                    gone.add(c["contact_id"])
            for t, kind in seq:
                if t <= CTX.end_ts and t.date() <= acc.last_day:
                    events.append({"email_event_id": None, "contact_id": c["contact_id"], "campaign_id": cid,
                                   "event_type": kind, "occurred_at": t})
    order = ["sent", "delivered", "bounce", "open", "click", "unsubscribe"]
    events.sort(key=lambda r: (r["occurred_at"], r["contact_id"], order.index(r["event_type"])))
    number_rows("email_events", events)
    return events


def build_advocacy(seed: int, accounts: list[Account]):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "advocacy", acc.account_id)
        for ms in month_starts(CTX.start, CTX.end):
            if ms.month % 3 != 1:
                continue
            d = ms + days(rng.randint(0, 85))
            if not acc.active_on(d):
                continue
            a = acc.archetype
            p = ADVOCACY_P[a]
            if a == "drifting" and d >= acc.drift_start:
                p = 0.0
            if rng.random() >= p:
                continue
            ts = rand_ts(rng, d, acc.region)
            people = acc.contacts_on(ts)
            contact = rng.choice(people) if people and rng.random() < TOUCHPOINT_CONTACT_P["advocacy"] else None
            rows.append({"advocacy_id": None, "account_id": acc.account_id,
                         "contact_id": contact["contact_id"] if contact else None,
                         "advocacy_type": rng.choices(ADVOCACY_TYPES, weights=ADVOCACY_TYPE_WEIGHTS)[0], "occurred_at": ts})
    rows.sort(key=lambda r: (r["occurred_at"], r["account_id"]))
    number_rows("advocacy", rows)
    return rows


def build_usage(seed: int, accounts: list[Account]):
    rows = []
    user_no = 0
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "usage", acc.account_id)
        n_users = rng.randint(*USERS_PER_ACCOUNT[acc.segment])
        users = []
        for _ in range(n_users):
            user_no += 1
            joined = acc.customer_since + days(rng.randint(0, 60 if acc.archetype == "newly_onboarded" else 20))
            users.append((make_id("users", user_no), joined))
        acc.users = users
        week = CTX.usage_start
        while week <= CTX.end:
            mid = week + days(3)
            lvl = acc.intensity(min(mid, CTX.end))
            if lvl > 0:
                licensed = [m for m in MODULES if m in acc.module_added and acc.module_added[m] <= mid]
                feats = [f for f in acc.feature_pref if any(f in FEATURES[m] for m in licensed)]
                a = acc.archetype
                if a == "champion":
                    breadth = len(feats)
                elif a == "drifting" and mid >= acc.drift_start:
                    breadth = FEATURE_BREADTH_MIN
                elif a == "newly_onboarded":
                    breadth = FEATURE_BREADTH_MIN + (mid - acc.customer_since).days // 30
                else:
                    breadth = max(FEATURE_BREADTH_MIN, round(FEATURE_BREADTH_SHARE * len(feats)))
                feats = feats[:max(1, breadth)]
                for uid, joined in users:
                    if rng.random() >= min(0.9, 0.32 * lvl):
                        continue
                    d = week + days(rng.randint(0, 6))
                    if d < joined or not acc.active_on(d):
                        continue
                    t = rand_ts(rng, d, acc.region)
                    rows.append({"event_id": None, "account_id": acc.account_id, "user_id": uid,
                                 "event_type": "login", "feature_name": None, "occurred_at": t})
                    for _ in range(min(FEATURE_USES[2], poisson(rng, FEATURE_USES[0] + FEATURE_USES[1] * lvl))):
                        t2 = t + dt.timedelta(minutes=rng.randint(*FEATURE_USE_MINUTES))
                        if t2.date() != t.date():
                            continue
                        rows.append({"event_id": None, "account_id": acc.account_id, "user_id": uid,
                                     "event_type": "feature_use", "feature_name": rng.choice(feats),
                                     "occurred_at": t2})
            week += days(7)
    rows.sort(key=lambda r: (r["occurred_at"], r["account_id"], r["user_id"], r["event_type"],
                             r["feature_name"] or ""))
    number_rows("usage_events", rows)
    return rows


def account_rows(seed: int, accounts: list[Account]):
    rows = []
    for acc in sorted(accounts, key=lambda a: a.account_id):
        rng = rng_for(seed, "account-row", acc.account_id)
        lo = max(acc.customer_since, acc.churned_at or acc.customer_since, CTX.end - days(ACCOUNT_UPDATED_WITHIN_DAYS))
        upd = rand_ts(rng, rand_date(rng, lo, CTX.end), acc.region)
        rows.append({"account_id": acc.account_id, "account_name": acc.name,
                     "parent_account_id": acc.parent.account_id if acc.parent else None,
                     "manager_id": acc.manager_id, "industry": acc.industry, "region": acc.region,
                     "segment": acc.segment, "customer_since": acc.customer_since, "churned_at": acc.churned_at,
                     "annual_contract_value": acc.acv, "updated_at": upd})
    return rows


# --------------------------------------------------------------------------
# Checks of the clean rows (a generator bug fails loudly, before anything is written)
# --------------------------------------------------------------------------
def validate_clean(data: dict[str, list[dict]]) -> list[str]:
    problems = []
    for table, rows in data.items():
        keys = [row_key(table, r) for r in rows]
        if len(set(keys)) != len(keys):
            problems.append(f"{table}: duplicate keys")
        for r in rows:
            for c in REQUIRED[table]:
                if r.get(c) is None or r.get(c) == "":
                    problems.append(f"{table} {row_key(table, r)}: {c} is empty")
            for c, v in r.items():
                if c.startswith("_"):
                    continue
                if isinstance(v, dt.datetime) and v > CTX.end_ts:
                    problems.append(f"{table} {row_key(table, r)}: {c} {v} after end")
                elif isinstance(v, dt.date) and not isinstance(v, dt.datetime) and v > CTX.end \
                        and (table, c) != ("licenses", "ends_on"):
                    problems.append(f"{table} {row_key(table, r)}: {c} {v} after end")
                if (table, c) in ENUMS and v is not None and norm_enum(v) not in ENUMS[(table, c)]:
                    problems.append(f"{table} {row_key(table, r)}: {c}={v} not in enum")
    ids = {t: {row_key(t, r) for r in data[t]} for t in ("accounts", "managers", "contacts", "surveys",
                                                           "invitations", "product_releases")}
    contact_acc = {r["contact_id"]: r["account_id"] for r in data["contacts"]}
    acc_tables = ["contacts", "licenses", "deployments", "opportunities", "activities", "wallet_estimates",
                  "cases", "advocacy", "usage_events", "invitations", "responses"]
    for t in acc_tables:
        for r in data[t]:
            if r.get("account_id") is not None and r["account_id"] not in ids["accounts"]:
                problems.append(f"{t} {row_key(t, r)}: account {r['account_id']} unknown")
            if r.get("contact_id") is not None:
                if r["contact_id"] not in ids["contacts"]:
                    problems.append(f"{t} {row_key(t, r)}: contact unknown")
                elif r.get("account_id") is not None and contact_acc[r["contact_id"]] != r["account_id"]:
                    problems.append(f"{t} {row_key(t, r)}: contact of another account")
    for t in ("event_registrations", "email_events"):
        for r in data[t]:
            if r["contact_id"] not in ids["contacts"]:
                problems.append(f"{t} {row_key(t, r)}: contact unknown")
    for r in data["accounts"]:
        if r["manager_id"] not in ids["managers"]:
            problems.append(f"accounts {r['account_id']}: manager unknown")
        if r["parent_account_id"] is not None and r["parent_account_id"] not in ids["accounts"]:
            problems.append(f"accounts {r['account_id']}: parent unknown")
    for r in data["managers"]:
        if r["reports_to_manager_id"] is not None and r["reports_to_manager_id"] not in ids["managers"]:
            problems.append(f"managers {r['manager_id']}: reports_to unknown")
    for r in data["deployments"]:
        if f"{r['product_module']}|{r['version']}" not in ids["product_releases"]:
            problems.append(f"deployments {row_key('deployments', r)}: release unknown")
    kinds = {r["survey_id"]: norm_enum(r["survey_type"]) for r in data["surveys"]}
    inv = {r["invitation_id"]: r for r in data["invitations"]}
    for t in ("invitations", "responses"):
        for r in data[t]:
            if r["survey_id"] not in kinds:
                problems.append(f"{t} {row_key(t, r)}: survey unknown")
    for r in data["responses"]:
        lo, hi = SURVEY_SCALES[kinds[r["survey_id"]]]
        if not lo <= r["score"] <= hi:
            problems.append(f"responses {r['response_id']}: score out of scale")
        if r["invitation_id"] is not None:
            i = inv.get(r["invitation_id"])
            if i is None or i["survey_id"] != r["survey_id"] or i["contact_id"] != r["contact_id"] \
                    or i["sent_at"] > r["responded_at"]:
                problems.append(f"responses {r['response_id']}: invitation mismatch")
    for r in data["cases"]:
        if r["csat_score"] is not None and not 1 <= r["csat_score"] <= 5:
            problems.append(f"cases {r['case_id']}: csat out of range")
        if r["closed_at"] is not None and r["closed_at"] < r["opened_at"]:
            problems.append(f"cases {r['case_id']}: closed before opened")
    for r in data["licenses"]:
        if r["ends_on"] < r["starts_on"]:
            problems.append(f"licenses {r['license_id']}: ends before start")
    return problems


# --------------------------------------------------------------------------
# Enum spellings that staging must normalize (clean rows, not defects)
# --------------------------------------------------------------------------
def plant_spelling_variants(seed: int, data: dict[str, list[dict]]):
    rng = rng_for(seed, "spellings")
    plan = [
        ("accounts", "segment", "mid_market", "Mid-Market", 2), ("accounts", "segment", "smb", "SMB", 2),
        ("accounts", "segment", "enterprise", "Enterprise", 1),
        ("usage_events", "event_type", "login", "Login", 20),
        ("usage_events", "event_type", "feature_use", "Feature Use", 5),
        ("cases", "priority", "high", "HIGH", 5), ("cases", "priority", "urgent", "Urgent", 3),
        ("activities", "activity_type", "business_review", "Business Review", 4),
        ("activities", "activity_type", "business_review", "business-review", 2),
        ("email_events", "event_type", "open", "Open", 5), ("email_events", "event_type", "click", "CLICK", 3),
        ("event_registrations", "event_type", "user_group", "User Group", 3),
        ("advocacy", "advocacy_type", "case_study", "Case Study", 2),
        ("advocacy", "advocacy_type", "reference_call", "reference-call", 2),
        ("opportunities", "opportunity_type", "cross_sell", "Cross-Sell", 2),
        ("opportunities", "opportunity_type", "new_business", "New Business", 2),
        ("surveys", "survey_type", "nps", "NPS", 1),
    ]
    for table, col, value, spelled, n in plan:
        cands = [r for r in data[table] if r[col] == value]
        for r in rng.sample(cands, min(n, len(cands))):
            r[col] = spelled


# --------------------------------------------------------------------------
# Planted defects: extra rows only, each with exactly one problem
# --------------------------------------------------------------------------
def plant_defects(seed: int, data: dict[str, list[dict]], accounts: list[Account]):
    rng = rng_for(seed, "defects")
    bad: dict[str, list[dict]] = {t: [] for t in data}
    manifest: list[tuple[str, str, str, str]] = []

    def add(table, row, disposition, reason, key=None):
        bad[table].append(row)
        manifest.append((table, row_key(table, row) if key is None else key, disposition, reason))

    def next_id(table, col, offset):
        n = sum(1 for r in data[table] if r[col]) + len(bad[table]) + offset
        return make_id(table, n)

    far = FUTURE_TS
    live = [a for a in sorted(accounts, key=lambda a: a.account_id)
            if a.churned_at is None and a.contacts and a.archetype != "newly_onboarded"]

    def live_contact():
        acc = rng.choice(live)
        return acc, rng.choice(acc.contacts)

    def recent_ts(acc):
        return rand_ts(rng, CTX.end - days(rng.randint(5, 60)), acc.region)

    # 1. exact duplicates
    for table in ("contacts", "cases", "email_events", "usage_events", "activities"):
        for r in rng.sample(data[table], 5):
            add(table, {k: v for k, v in r.items()}, "duplicate", "duplicate_row")

    # 2. older versions of account rows
    olds = [r for r in data["accounts"] if r["customer_since"] < CTX.end - days(SUPERSEDED_MIN_TENURE_DAYS)]
    for r in rng.sample(olds, 5):
        old = dict(r)
        old["updated_at"] = r["updated_at"] - days(rng.randint(*SUPERSEDED_AGE_DAYS))
        if rng.random() < 0.5:
            old["account_name"] = r["account_name"].rsplit(" ", 1)[0] + " Inc"
        else:
            smaller = {"enterprise": "mid_market", "mid_market": "smb", "smb": "mid_market"}
            old["segment"] = smaller[norm_enum(r["segment"])]
        add("accounts", old, "duplicate", "superseded_by_later_update")

    # 3. missing required values
    mgr = rng.choice([r["manager_id"] for r in data["managers"] if r["is_active"] and r["reports_to_manager_id"]
                      and any(a["manager_id"] == r["manager_id"] for a in data["accounts"])])
    add("accounts", {"account_id": make_id("accounts", len(accounts) + 1), "account_name": None, "parent_account_id": None,
                     "manager_id": mgr, "industry": "retail", "region": "emea", "segment": "smb",
                     "customer_since": CTX.end - days(400), "churned_at": None, "annual_contract_value": 12000.0,
                     "updated_at": dt.datetime.combine(CTX.end - days(30), dt.time(11, 5, 0))},
        "rejected", "missing_required")
    for k in range(2):
        acc, c = live_contact()
        add("cases", {"case_id": next_id("cases", "case_id", 1), "account_id": acc.account_id,
                      "contact_id": c["contact_id"], "opened_at": None, "closed_at": None, "priority": "normal",
                      "status": "open", "channel": "email", "category": "how_to", "is_escalated": False,
                      "csat_score": None}, "rejected", "missing_required")
        acc = rng.choice(live)
        add("usage_events", {"event_id": next_id("usage_events", "event_id", 1),
                             "account_id": acc.account_id, "user_id": acc.users[0][0], "event_type": "login",
                             "feature_name": None, "occurred_at": None}, "rejected", "missing_required")
        acc, c = live_contact()
        add("responses", {"response_id": next_id("responses", "response_id", 1), "survey_id": "SRV-001",
                          "invitation_id": None, "contact_id": c["contact_id"], "account_id": acc.account_id,
                          "responded_at": recent_ts(acc), "score": None, "comment": "No score given."},
            "rejected", "missing_required")
    acc, c = live_contact()
    add("activities", {"activity_id": None, "account_id": acc.account_id, "contact_id": c["contact_id"],
                       "activity_type": "meeting", "occurred_at": recent_ts(acc)},
        "rejected", "missing_required", key="")

    # 4. unknown enum values
    for k in range(2):
        acc, c = live_contact()
        add("activities", {"activity_id": next_id("activities", "activity_id", 1),
                           "account_id": acc.account_id, "contact_id": c["contact_id"], "activity_type": UNKNOWN_ENUM["activities"],
                           "occurred_at": recent_ts(acc)}, "rejected", "unknown_enum")
        acc, c = live_contact()
        add("email_events", {"email_event_id": next_id("email_events", "email_event_id", 1),
                             "contact_id": c["contact_id"], "campaign_id": "CMP-001", "event_type": UNKNOWN_ENUM["email_events"],
                             "occurred_at": recent_ts(acc)}, "rejected", "unknown_enum")
        acc = rng.choice(live)
        created = recent_ts(acc)
        add("opportunities", {"opportunity_id": next_id("opportunities", "opportunity_id", 1),
                              "account_id": acc.account_id, "opportunity_type": UNKNOWN_ENUM["opportunities"],
                              "amount": round(acc.acv * 0.1, 2), "stage": "qualification", "is_won": None,
                              "is_closed": False, "created_at": created, "closed_at": None},
            "rejected", "unknown_enum")
        acc = rng.choice(live)
        add("usage_events", {"event_id": next_id("usage_events", "event_id", 1),
                             "account_id": acc.account_id, "user_id": acc.users[0][0], "event_type": UNKNOWN_ENUM["usage_events"],
                             "feature_name": None, "occurred_at": recent_ts(acc)}, "rejected", "unknown_enum")

    # 5. scores outside their scale
    for sid, score in OUT_OF_RANGE_SCORE.items():
        acc, c = live_contact()
        add("responses", {"response_id": next_id("responses", "response_id", 1), "survey_id": sid,
                          "invitation_id": None, "contact_id": c["contact_id"], "account_id": acc.account_id,
                          "responded_at": recent_ts(acc), "score": score, "comment": None},
            "rejected", "out_of_range")
    acc, c = live_contact()
    opened = rand_ts(rng, CTX.end - days(rng.randint(40, 90)), acc.region)
    add("cases", {"case_id": next_id("cases", "case_id", 1), "account_id": acc.account_id,
                  "contact_id": c["contact_id"], "opened_at": opened, "closed_at": opened + days(2),
                  "priority": "normal", "status": "closed", "channel": "portal", "category": "billing",
                  "is_escalated": False, "csat_score": OUT_OF_RANGE_CSAT}, "rejected", "out_of_range")

    # 6. timestamps in the future
    for k in range(2):
        t = far + days(30 * k)
        acc = rng.choice(live)
        add("usage_events", {"event_id": next_id("usage_events", "event_id", 1),
                             "account_id": acc.account_id, "user_id": acc.users[0][0], "event_type": "login",
                             "feature_name": None, "occurred_at": t}, "rejected", "future_timestamp")
        acc, c = live_contact()
        add("activities", {"activity_id": next_id("activities", "activity_id", 1),
                           "account_id": acc.account_id, "contact_id": c["contact_id"], "activity_type": "meeting",
                           "occurred_at": t}, "rejected", "future_timestamp")
        acc, c = live_contact()
        add("cases", {"case_id": next_id("cases", "case_id", 1), "account_id": acc.account_id,
                      "contact_id": c["contact_id"], "opened_at": t, "closed_at": None, "priority": "low",
                      "status": "open", "channel": "chat", "category": "access", "is_escalated": False,
                      "csat_score": None}, "rejected", "future_timestamp")
        acc, c = live_contact()
        add("email_events", {"email_event_id": next_id("email_events", "email_event_id", 1),
                             "contact_id": c["contact_id"], "campaign_id": "CMP-002", "event_type": "open",
                             "occurred_at": t}, "rejected", "future_timestamp")

    # 7. references to ids that do not exist
    first_event = data["event_registrations"][0]
    for k in range(2):
        ghost_acc, ghost_con = ghost_id("accounts", k + 1), ghost_id("contacts", k + 1)
        acc = rng.choice(live)
        opened = recent_ts(acc)
        add("cases", {"case_id": next_id("cases", "case_id", 1), "account_id": ghost_acc,
                      "contact_id": None, "opened_at": opened, "closed_at": None, "priority": "normal",
                      "status": "open", "channel": "email", "category": "bug", "is_escalated": False,
                      "csat_score": None}, "rejected", "orphan_reference")
        add("usage_events", {"event_id": next_id("usage_events", "event_id", 1), "account_id": ghost_acc,
                             "user_id": ghost_id("users", k + 1), "event_type": "login", "feature_name": None,
                             "occurred_at": recent_ts(acc)}, "rejected", "orphan_reference")
        add("licenses", {"license_id": next_id("licenses", "license_id", 1), "account_id": ghost_acc,
                         "product_module": "core", "seats": 25, "starts_on": CTX.end - days(200),
                         "ends_on": CTX.end + days(164), "annual_value": 15000.0}, "rejected", "orphan_reference")
        add("email_events", {"email_event_id": next_id("email_events", "email_event_id", 1),
                             "contact_id": ghost_con, "campaign_id": "CMP-003", "event_type": "delivered",
                             "occurred_at": recent_ts(acc)}, "rejected", "orphan_reference")
        add("event_registrations", {"registration_id": next_id("event_registrations", "registration_id", 1),
                                    "event_id": first_event["event_id"], "event_name": first_event["event_name"],
                                    "event_type": norm_enum(first_event["event_type"]), "contact_id": ghost_con,
                                    "registered_at": first_event["registered_at"] + dt.timedelta(hours=k + 1),
                                    "attended": False, "attended_at": None}, "rejected", "orphan_reference")
        acc, c = live_contact()
        add("responses", {"response_id": next_id("responses", "response_id", 1), "survey_id": GHOST_SURVEY_ID,
                          "invitation_id": None, "contact_id": c["contact_id"], "account_id": acc.account_id,
                          "responded_at": recent_ts(acc), "score": 5, "comment": None}, "rejected", "orphan_reference")
    manifest.sort()
    return bad, manifest


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------
def sort_rows(table: str, rows: list[dict]) -> list[dict]:
    if table == "accounts":
        return sorted(rows, key=lambda r: (r["account_id"], r["updated_at"]))
    if table == "deployments":
        return sorted(rows, key=lambda r: (r["account_id"], MODULES.index(r["product_module"]), r["reported_at"]))
    if table == "product_releases":
        return sorted(rows, key=lambda r: (MODULES.index(r["product_module"]), r["released_on"]))
    if table == "wallet_estimates":
        return sorted(rows, key=lambda r: (r["account_id"], r["estimated_on"]))
    col = KEYS[table][0]
    return sorted(rows, key=lambda r: fmt(r[col]))   # stable: a duplicate follows its original


def write_csv(path: Path, header: list[str], rows: list[list[str]]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def generate(out: Path, manifest_path: Path, archetypes_path: Path, seed: int, n_accounts: int,
             window: Window, log=print) -> int:
    """Write the 17 raw tables as CSV to <out>/<source>/<table>.csv, the defect manifest and the archetypes
    fixture. Returns 0, or 1 when the clean rows fail their own checks (a generator bug, nothing written)."""
    t0 = time.perf_counter()
    CTX.set(window)
    managers, reps = build_managers(seed, n_accounts)
    accounts = build_accounts(seed, n_accounts, reps)
    releases, release_rows = build_releases(seed)
    contacts = build_contacts(seed, accounts)
    licenses, opps, deployments, extra = build_commercials(seed, accounts, releases)
    data: dict[str, list[dict]] = {
        "accounts": account_rows(seed, accounts),
        "managers": managers,
        "contacts": contacts,
        "licenses": licenses,
        "deployments": deployments,
        "product_releases": release_rows,
        "opportunities": opps,
        "activities": build_activities(seed, accounts, extra),
        "wallet_estimates": build_wallet(seed, accounts),
    }
    data["cases"] = build_cases(seed, accounts)
    data["surveys"], data["invitations"], data["responses"] = build_surveys(seed, accounts, data["cases"])
    data["event_registrations"] = build_events(seed, accounts)
    data["email_events"] = build_emails(seed, accounts)
    data["advocacy"] = build_advocacy(seed, accounts)
    data["usage_events"] = build_usage(seed, accounts)
    for r in data["cases"]:
        del r["_acc"]

    plant_spelling_variants(seed, data)
    problems = validate_clean(data)
    if problems:
        log("generator bug, clean rows are not clean:\n  " + "\n  ".join(problems[:30]))
        return 1
    bad, manifest = plant_defects(seed, data, accounts)

    total_bytes = total_rows = 0
    for source, table, _ in TABLES:
        columns = COLUMNS_OF[table]
        rows = sort_rows(table, data[table] + bad[table])
        path = out / source / f"{table}.csv"
        write_csv(path, columns, [[fmt(r[c]) for c in columns] for r in rows])
        total_bytes += path.stat().st_size
        total_rows += len(rows)
        log(f"{source}/{table}.csv: {len(rows)} rows ({len(bad[table])} planted defects)")
    write_csv(manifest_path, ["table_name", "row_key", "disposition", "reason_code"], manifest)
    write_csv(archetypes_path, ["account_id", "archetype"], sorted([a.account_id, a.archetype] for a in accounts))
    secs = time.perf_counter() - t0
    log(f"manifest: {manifest_path} ({len(manifest)} rows); archetypes: {archetypes_path}")
    log(f"total {total_rows:,} rows, {total_bytes / 1e6:.1f} MB in {secs:.1f} s ({total_rows / secs:,.0f} rows/s)")
    return 0
