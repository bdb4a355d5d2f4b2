"""The set engine: the scale presets, generated set-based inside DuckDB.

The world of ``world.py`` (same archetypes, id formats, enums, survey scales and
defect kinds as the demo's row engine), generated as SQL so that tens of millions of
rows take a minute rather than hours. Every pseudo-random number is
``hash(seed, salt, keys...)``: the output is a pure function of the arguments,
whatever the thread count or scheduling (no ``random()``/``setseed()``). It cannot
reproduce the row engine's per-row ``random.Random`` streams, so the demo seeds come
from ``rows.py``; both read their parameters from ``world.py``.

Tables land in the schemas ``raw_crm``, ``raw_support``, ``raw_survey``,
``raw_marketing`` and ``raw_product`` (dropped and recreated), typed as the contract
says. The engine's own bookkeeping (account archetypes, lifecycle dates, users,
contacts) lands in the schema ``scalegen`` so that ``append`` can continue the same
world; dbt never reads it.
"""

from __future__ import annotations

import datetime as dt
import math
import time

from .world import (ACCOUNTS_PER_MANAGER, ACCOUNT_UPDATED_WITHIN_DAYS, ACV_RANGE, ADDON_SEATS_SHARE,
                    ADDON_VALUE_WEIGHT, ADVOCACY_P, ADVOCACY_TYPES, ADVOCACY_TYPE_WEIGHTS, ARCHETYPES,
                    ARCHETYPE_SHARES, BUSINESS_REVIEW_CAP, BUSINESS_REVIEW_FACTOR, CASES_BY_SEGMENT,
                    CASE_CATEGORIES, CASE_CHANNEL_WEIGHTS, CASE_CHURNING_DAYS, CASE_CSAT_ESCALATION_PENALTY,
                    CASE_CSAT_SD, CASE_FACTOR, CASE_FACTOR_CHURNING, CASE_FACTOR_DRIFTED, CASE_FACTOR_ONBOARDING,
                    CASE_ONBOARDING_DAYS, CASE_PRIORITIES, CASE_PRIORITY_WEIGHTS, CASE_RATED_P,
                    CASE_RESOLUTION_HOURS, CHILD_SEGMENT_STEP_WEIGHTS, CHURNED_DAYS_AGO, CHURNED_TENURE_YEARS,
                    CHURN_DECLINE_DAYS, CHURN_DROP, CHURN_FLOOR, CHURN_SENTIMENT_DAYS, CHURN_SENTIMENT_DROP,
                    CHURN_SENTIMENT_LEAD_DAYS, COLUMNS_OF, COMMENTS, COMMENT_HIGH_FROM, COMMENT_MID_FROM,
                    CONTACTS_PER_ACCOUNT, CORE_SEATS, CROSS_SELLS, CROSS_SELL_DEMO_DAYS, CROSS_SELL_TRIAL_DAYS,
                    CUSTOMER_DAYS_AGO, DEPLOY_CHECK_DAYS, DEPLOY_FIRST_DAYS, DEPLOY_FOLLOW_DAYS, DEPLOY_LAG,
                    DRIFT_DAYS_AGO, DRIFT_FALL_DAYS, DRIFT_FLOOR, DRIFT_SENTIMENT_DAYS, DRIFT_SENTIMENT_DROP,
                    EARLY_CONTACT_DAYS, EARLY_CONTACT_P, EMAIL_BOUNCE_P, EMAIL_CLICK, EMAIL_CLICK_DELAY_SECONDS,
                    EMAIL_OPEN, EMAIL_OPEN_DELAY_MINUTES, EMAIL_SEND_P, EMAIL_UNSUBSCRIBE_DELAY_SECONDS,
                    EMAIL_UNSUBSCRIBE_P, ESCALATION_P, ESCALATION_P_CHURNING, ESCALATION_P_DRIFTED,
                    EVENT_ATTENDANCE, EVENT_REGISTRATION_P, FEATURES, FEATURE_BREADTH_MIN, FEATURE_BREADTH_SHARE,
                    FEATURE_USES, FEATURE_USE_MINUTES, FIRST_NAMES, FUTURE_TS, GHOST_SURVEY_ID, GROWTH_P,
                    GROWTH_RATE, ID_COL, ID_FORMATS, INDUSTRIES, INQUIRIES_PER_MONTH, INTENSITY,
                    INVITATION_ACCOUNT_P, JOB_TITLES, JOB_TITLES_PRIMARY, LAST_NAMES, LEADERSHIP_TEAM, LEVEL_RANGE,
                    LOST_CROSS_SELL_CLOSE_DAYS, LOST_CROSS_SELL_P, LOST_CROSS_SELL_SHARE, MANAGER_TEAMS,
                    MEETINGS_BY_SEGMENT, MEETING_RATE, MIN_MANAGERS, MODULES, MODULES_FINAL, MOOD_RANGE,
                    NAME_PREFIXES, NAME_SUFFIXES, NEWLY_ONBOARDED_DAYS_AGO, ONBOARDING_DAYS, ONBOARDING_GAIN,
                    OPEN_EXPANSION_DAYS, OPEN_EXPANSION_P, OPEN_EXPANSION_SHARE, OPPORTUNITY_DAYS,
                    OUT_OF_RANGE_CSAT, OUT_OF_RANGE_SCORE, PARENT_INDUSTRY_KEEP_P, PARENT_MANAGER_KEEP_P,
                    PARENT_REGION_KEEP_P, PRIMARY_CONTACT_DAYS, REGIONS, REGION_HOURS, REGION_WEIGHTS,
                    RESPONSE_ACCOUNT_P, RESPONSE_COMMENT_P, RESPONSE_P, RESPONSE_P_DRIFTED, ROOT_SEGMENT_WEIGHTS,
                    SEGMENTS, SENTIMENT, SOURCES, SOURCE_OF, STRATEGIC_TEAM, STRATEGIC_TEAM_MIN_MANAGERS,
                    SUPERSEDED_AGE_DAYS, SUPERSEDED_MIN_TENURE_DAYS, SURVEYS, SURVEY_SCALES, SURVEY_SCORE_SD,
                    TABLES, TOUCHPOINT_CONTACT_P, UNIT_NAMES, UNKNOWN_ENUM, USERS_PER_ACCOUNT, WALLET_BELOW_SPEND_P,
                    WALLET_BELOW_SPEND_SHARE, WALLET_SHARE, WALLET_SPEND_SPREAD, WEBINAR_TOPICS, Window,
                    campaign_calendar, event_calendar, ghost_id, ghost_prefix, make_id, release_calendar)

COLS = COLUMNS_OF
META = "scalegen"
# Features as (module, feature) in module order; a feature's code is its position.
FEATURE_LIST = [(m, f) for m in MODULES for f in FEATURES[m]]
REGION_START_SECONDS = [REGION_HOURS[rg][0] * 3600 for rg in REGIONS]   # UTC working hours start; 10 hour window
EPOCH = dt.date(1970, 1, 1)
FAR_FUTURE_DAY = 2_000_000          # "not churned": last active day far away
BAD_RATE = 0.0003                   # share of planted defects per kind and table (at least 2 rows)
ACC_PERM = 1_000_003                # prime > any account count: i -> (i * perm) mod A is a permutation (ids shuffled)


def by_code(values: dict) -> list:
    """A per-archetype dict as a list in archetype-code order."""
    return [values[a] for a in ARCHETYPES]


def case_code(expr: str, values: list, by: str = "code") -> str:
    """CASE <expr> WHEN 0 THEN v0 ... ELSE v_last END (values: SQL snippets per code: archetype, segment);
    by="value": values is a list of (value, snippet) pairs, WHEN 'value' THEN snippet."""
    if by == "value":
        whens = " ".join(f"WHEN '{k}' THEN {v}" for k, v in values[:-1])
        return f"CASE {expr} {whens} ELSE {values[-1][1]} END"
    whens = " ".join(f"WHEN {k} THEN {v}" for k, v in enumerate(values[:-1]))
    return f"CASE {expr} {whens} ELSE {values[-1]} END"


def by_segment(r: "Rnd", salt: str, ranges: dict, key: str) -> str:
    """SQL of an integer drawn from the (lo, hi) range of the account's segment (segment codes: SEGMENTS order)."""
    return case_code("a.seg", [r.ri(salt, *ranges[seg], key) for seg in SEGMENTS])


def uniform(r: "Rnd", salt: str, lo_hi: tuple[float, float], key: str) -> str:
    """SQL of a number uniform in [lo, hi)."""
    lo, hi = lo_hi
    return f"{lo!r} + {round(hi - lo, 6)!r} * {r.u(salt, key)}"


def weighted_pick(values: list[str], weights: list[int], u: str) -> str:
    """SQL picking one of `values` with `weights` by the uniform SQL expression `u`."""
    cum = [sum(weights[:k + 1]) / sum(weights) for k in range(len(weights) - 1)]
    return ("(CASE " + " ".join(f"WHEN {u} < {c!r} THEN '{v}'" for c, v in zip(cum, values))
            + f" ELSE '{values[-1]}' END)")


def code_by_weights(u: str, weights: list) -> str:
    """SQL of the code 0..n-1 drawn with `weights` by the uniform SQL expression `u` (rng.choices' weights)."""
    cum = [sum(weights[:k + 1]) / sum(weights) for k in range(len(weights) - 1)]
    return ("(CASE " + " ".join(f"WHEN {u} < {c!r} THEN {k}" for k, c in enumerate(cum))
            + f" ELSE {len(weights) - 1} END)")


def scale_share(kind: str, score: str) -> str:
    """SQL of where `score` lies on the scale of the survey kind (SQL expression `kind`), 0 to 1 (SURVEY_SCALES)."""
    lo = " ".join(f"WHEN '{k}' THEN {lo}" for k, (lo, _) in SURVEY_SCALES.items())
    span = " ".join(f"WHEN '{k}' THEN {hi - lo}" for k, (lo, hi) in SURVEY_SCALES.items())
    return f"({score} - CASE {kind} {lo} END) * 1.0 / CASE {kind} {span} END"


def id_sql(entity: str, expr: str) -> str:
    """SQL of the id of `entity` numbered `expr` ('ACC-00042'), as world.make_id."""
    prefix, width = ID_FORMATS[entity]
    return f"printf('{prefix}-%0{width}d', {expr})"


def ghost_sql(entity: str, expr: str) -> str:
    """SQL of an id that exists nowhere ('ACC-GHOST-07'), as world.ghost_id."""
    prefix, width = ID_FORMATS["ghosts"]
    return f"printf('{ID_FORMATS[entity][0]}-{prefix}-%0{width}d', {expr})"


def lit(values) -> str:
    """A SQL list literal of strings."""
    return "[" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + "]"


def day_num(d: dt.date) -> int:
    return (d - EPOCH).days


class Rnd:
    """Emits SQL for pseudo-random numbers: a pure function of (seed, salt, keys)."""

    def __init__(self, seed: int):
        self.seed = int(seed)

    def h(self, salt, *keys) -> str:
        return f"hash({self.seed}, '{salt}', {', '.join(str(k) for k in keys)})"

    def u(self, salt, *keys) -> str:
        """Uniform in [0, 1)."""
        return f"(({self.h(salt, *keys)} % 1000003) / 1000003.0)"

    def ri(self, salt, lo, hi, *keys) -> str:
        """Integer uniform in [lo, hi] (lo, hi: ints or SQL expressions)."""
        if isinstance(lo, int) and isinstance(hi, int):
            return f"({lo} + CAST({self.h(salt, *keys)} % {hi - lo + 1} AS BIGINT))"
        return (f"(({lo}) + CAST({self.h(salt, *keys)} % CAST(greatest(1, ({hi}) - ({lo}) + 1) AS UBIGINT)"
                f" AS BIGINT))")

    def pick(self, values, salt, *keys) -> str:
        return f"{lit(values)}[1 + CAST({self.h(salt, *keys)} % {len(values)} AS BIGINT)]"

    def ts(self, day, region, salt, *keys) -> str:
        """A timestamp on epoch day `day` in the working hours of region code `region`."""
        return (f"make_timestamp((CAST({day} AS BIGINT) * 86400 + {REGION_START_SECONDS}[({region}) + 1]"
                f" + CAST({self.h(salt, *keys)} % 36000 AS BIGINT)) * 1000000)")

    def noise(self, salt, sd, *keys) -> str:
        """Roughly normal(0, sd): a sum of three uniforms."""
        return (f"(({self.u(salt + 'a', *keys)} + {self.u(salt + 'b', *keys)} + {self.u(salt + 'c', *keys)}"
                f" - 1.5) * {2 * sd})")


def fmt_id(entity: str, expr: str) -> str:
    """id_sql's 'PREFIX-000123' (zero-padded to width, longer numbers kept whole, as printf's %0<width>d); faster
    than printf or lpad."""
    prefix, width = ID_FORMATS[entity]
    return (f"('{prefix}-' || CASE WHEN ({expr}) < {10 ** width} THEN substr(CAST(({expr}) + {10 ** width} AS VARCHAR), 2) "
            f"ELSE CAST(({expr}) AS VARCHAR) END)")


def fan_sql(n_expr: str, n_max: int) -> str:
    """The list [0, 1, ..., n - 1] for 0 <= n <= n_max, to fan a row out into n rows with unnest: indexing a
    constant list of lists is about 3x faster than range(n) for small n. (Not an equi-join with a table of
    (n, j): the output of one such join feeding another trips DuckDB 2.0's dictionary-surviving join cache,
    "changed identity".)"""
    if n_max > 64:
        return f"range({n_expr})"
    lists = ", ".join("[" + ", ".join(str(j) for j in range(k)) + "]" for k in range(n_max + 1))
    return f"[{lists}][({n_expr}) + 1]"


def date_of(day_expr: str) -> str:
    return f"(DATE '1970-01-01' + CAST({day_expr} AS INTEGER))"


def day_of(ts_expr: str) -> str:
    return f"(CAST({ts_expr} AS DATE) - DATE '1970-01-01')"


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------
class Generator:
    def __init__(self, con, seed: int, log=print):
        self.con = con
        self.seed = seed
        self.r = Rnd(seed)
        self.log = log
        self.stats: list[tuple[str, int, float]] = []
        # per table, a number >= every id number in it (new ids are base + 1, base + 2, ...): known from the
        # generation for the big tables, so that their ids are not rescanned
        self.id_base: dict[str, int] = {}

    # ---------------------------------------------------------------- utils
    def sql(self, q: str):
        return self.con.execute(q)

    def one(self, q: str):
        return self.con.execute(q).fetchone()

    def count(self, table: str) -> int:
        if table == "*":     # all 17 tables
            return sum(self.count(t) for t in COLS)
        return self.one(f"SELECT count(*) FROM {self.fq(table)}")[0]

    @staticmethod
    def fq(table: str) -> str:
        return f"raw_{SOURCE_OF[table]}.{table}"

    def timed(self, label: str, tables: str | tuple[str, ...] | None, fn):
        """Run fn and log its rows (added to `tables`), wall seconds and CPU seconds (all threads: on a shared
        machine the wall time alone says little)."""
        tables = (tables,) if isinstance(tables, str) else tables or ()
        before = sum(self.count(t) for t in tables)
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows = sum(self.count(t) for t in tables) - before
        self.stats.append((label, rows, secs))
        rate = rows / secs if secs > 0 else 0.0
        self.log(f"  {label:<34} {rows:>12,} rows {secs:8.2f} s {rate:>14,.0f} rows/s  (cpu {cpu:.2f} s)")
        return rows

    def base_id(self, table: str) -> int:
        """A number >= every id number of `table` (tracked, else read)."""
        if table not in self.id_base:
            self.id_base[table] = self.max_id(table)
        return self.id_base[table]

    def max_id(self, table: str) -> int:
        col = ID_COL[table]
        v = self.one(f"SELECT max(TRY_CAST(split_part({col}, '-', -1) AS BIGINT)) "
                     f"FROM {self.fq(table)}")[0]
        return int(v or 0)

    def create_macros(self):
        # Activity level of an account on epoch day d (0 when not a customer): world.INTENSITY and its curves.
        lv = {a: repr(v) for a, v in INTENSITY.items()}
        self.sql(f"""
            CREATE OR REPLACE TEMP MACRO inten(arch, since_d, last_d, drift_d, churn_d, lvl, d) AS
            CASE WHEN d < since_d OR d > last_d THEN 0.0 ELSE lvl * CASE arch
                WHEN 0 THEN {lv['champion']}
                WHEN 1 THEN {lv['steady']}
                WHEN 2 THEN CASE WHEN d < drift_d THEN {lv['drifting']}
                                 ELSE greatest({DRIFT_FLOOR!r}, {lv['drifting']} - (d - drift_d) / {DRIFT_FALL_DAYS!r}) END
                WHEN 3 THEN {lv['newly_onboarded']} + {ONBOARDING_GAIN!r} * least(1.0, (d - since_d) / {ONBOARDING_DAYS!r})
                ELSE CASE WHEN d < churn_d - {CHURN_DECLINE_DAYS} THEN {lv['churned']}
                          ELSE greatest({CHURN_FLOOR!r}, {lv['churned']} - {CHURN_DROP!r} * (d - churn_d + {CHURN_DECLINE_DAYS})
                                        / {float(CHURN_DECLINE_DAYS)!r}) END
            END END""")
        # Underlying satisfaction in [0, 1]: world.SENTIMENT and its curves.
        sv = {a: repr(v) for a, v in SENTIMENT.items()}
        self.sql(f"""
            CREATE OR REPLACE TEMP MACRO senti(arch, drift_d, churn_d, mood, d) AS
            CASE arch
                WHEN 0 THEN {sv['champion']}
                WHEN 1 THEN mood
                WHEN 3 THEN {sv['newly_onboarded']}
                WHEN 2 THEN CASE WHEN d < drift_d THEN {sv['drifting']}
                                 ELSE {sv['drifting']} - {DRIFT_SENTIMENT_DROP!r} * least(1.0, (d - drift_d) / {DRIFT_SENTIMENT_DAYS!r}) END
                ELSE CASE WHEN d < churn_d - {CHURN_SENTIMENT_LEAD_DAYS} THEN {sv['churned']}
                          ELSE {sv['churned']} - {CHURN_SENTIMENT_DROP!r}
                               * least(1.0, (d - churn_d + {CHURN_SENTIMENT_LEAD_DAYS}) / {CHURN_SENTIMENT_DAYS!r}) END
            END""")

    def create_tables(self):
        for s in SOURCES:
            self.sql(f"DROP SCHEMA IF EXISTS raw_{s} CASCADE")
            self.sql(f"CREATE SCHEMA raw_{s}")
        for s, t, cols in TABLES:
            body = ", ".join(f"{c} {ty}" for c, ty in cols)
            self.sql(f"CREATE TABLE raw_{s}.{t} ({body})")
        self.sql(f"DROP SCHEMA IF EXISTS {META} CASCADE")
        self.sql(f"CREATE SCHEMA {META}")

    def insert_ordered(self, table: str, select_sql: str, order_by: str, offset: int):
        """Insert rows of `select_sql` (all contract columns except the id) in time order, numbering ids."""
        idc = ID_COL[table]
        cols = [c for c in COLS[table] if c != idc]
        self.sql(f"""
            INSERT INTO {self.fq(table)} ({idc}, {', '.join(cols)})
            SELECT {id_sql(table, f'{offset} + row_number() OVER (ORDER BY {order_by})')},
                   {', '.join(cols)}
            FROM ({select_sql}) src
            ORDER BY {order_by}""")

    # ---------------------------------------------------------------- params
    def setup_params(self, accounts: int, usage_events: int, window: Window):
        self.end = window.end
        self.end_d = day_num(window.end)
        self.start_d = day_num(window.start)
        self.usage_start_d = day_num(window.usage_start)
        self.ai_launch_d = day_num(window.ai_launch)
        self.n_acc = accounts
        self.usage_target = usage_events
        self.years = window.years
        self.window = window

    def save_params(self, extra: dict):
        vals = {"seed": self.seed, "accounts": self.n_acc, "years": self.years, "end_d": self.end_d,
                "start_d": self.start_d, "usage_start_d": self.usage_start_d, "ai_launch_d": self.ai_launch_d,
                "usage_target": self.usage_target}
        vals.update(extra)
        self.sql(f"CREATE OR REPLACE TABLE {META}.params (name VARCHAR, value DOUBLE)")
        self.sql(f"INSERT INTO {META}.params VALUES " + ", ".join(f"('{k}', {float(v)!r})" for k, v in vals.items()))

    def save_id_bases(self):
        """Keep the id bases of the big tables with the params, so that --append-days does not rescan their ids."""
        for t in ("usage_events", "email_events"):
            if t in self.id_base:
                self.sql(f"DELETE FROM {META}.params WHERE name = 'idbase_{t}'")
                self.sql(f"INSERT INTO {META}.params VALUES ('idbase_{t}', {float(self.id_base[t])!r})")

    def load_params(self) -> dict:
        return {k: v for k, v in self.con.execute(f"SELECT name, value FROM {META}.params").fetchall()}

    # ---------------------------------------------------------------- small dimensions
    def gen_releases(self):
        # releases continue 400 days past the end so that --append-days finds them
        cal = release_calendar(self.seed, self.window, self.end + dt.timedelta(days=400))
        rows = [(mi, m, k, v, day_num(d)) for mi, m in enumerate(MODULES) for k, (v, d) in enumerate(cal[m])]
        vals = ", ".join(f"({mi}, '{m}', {k}, '{v}', {d})" for mi, m, k, v, d in rows)
        self.sql(f"CREATE TABLE {META}.releases (m INTEGER, module VARCHAR, k INTEGER, version VARCHAR, rel_d INTEGER)")
        self.sql(f"INSERT INTO {META}.releases VALUES {vals}")
        self.sql(f"""INSERT INTO raw_crm.product_releases
            SELECT module, version, {date_of('rel_d')} FROM {META}.releases
            WHERE rel_d <= {self.end_d} ORDER BY m, k""")

    def gen_surveys(self):
        vals = ", ".join(f"('{i}', '{t}', '{n}')" for i, t, n in SURVEYS)
        self.sql(f"INSERT INTO raw_survey.surveys VALUES {vals}")
        # one clean spelling variant, as in the demo (staging normalizes it)
        self.sql("UPDATE raw_survey.surveys SET survey_type = 'NPS' WHERE survey_id = 'SRV-004'")

    def gen_managers(self):
        r = self.r
        n = max(MIN_MANAGERS, round(self.n_acc / ACCOUNTS_PER_MANAGER))
        teams = [(t, REGIONS.index(rg)) for t, rg in MANAGER_TEAMS]
        if n >= STRATEGIC_TEAM_MIN_MANAGERS:          # the strategic team's reps get a random region
            teams.insert(0, (STRATEGIC_TEAM[0], -1))
        T = len(teams)
        G = T * ((n - 1 - T) // (11 * T)) if n >= 60 else 0
        self.n_teams = T
        team_names = lit([t for t, _ in teams])
        team_regions = "[" + ", ".join(str(rg) for _, rg in teams) + "]"
        self.sql(f"""
            CREATE TABLE {META}.managers AS
            WITH b AS (
                SELECT i,
                    CASE WHEN i = 1 THEN 'vp' WHEN i <= 1 + {T} THEN 'lead' WHEN i <= 1 + {T} + {G} THEN 'group'
                         ELSE 'rep' END AS role
                FROM range(1, {n} + 1) t(i)
            ), c AS (
                SELECT *,
                    CASE role WHEN 'vp' THEN -1 WHEN 'lead' THEN i - 2 WHEN 'group' THEN (i - 2 - {T}) % {T}
                              ELSE (i - 2 - {T} - {G}) % {T} END AS team,
                    CASE role WHEN 'rep' THEN i - 2 - {T} - {G} END AS k
                FROM b
            )
            SELECT i, role, team, {id_sql('managers', 'i')} AS manager_id,
                {r.pick(FIRST_NAMES, 'mfn', 'i')} AS first_name, {r.pick(LAST_NAMES, 'mln', 'i')} AS last_name,
                CASE WHEN team < 0 THEN '{LEADERSHIP_TEAM}' ELSE {team_names}[team + 1] END AS team_name,
                CASE WHEN team < 0 THEN 1 WHEN {team_regions}[team + 1] >= 0 THEN {team_regions}[team + 1]
                     ELSE CAST({r.h('mreg', 'i')} % 3 AS INTEGER) END AS region,
                CASE role WHEN 'vp' THEN NULL WHEN 'lead' THEN 1 WHEN 'group' THEN 2 + team
                     ELSE CASE WHEN {G} > 0 THEN 2 + {T} + ((k // {T}) % {max(1, G // T)}) * {T} + team
                               ELSE 2 + team END END AS reports_to,
                NOT (role = 'rep' AND k >= {T} AND {r.u('minact', 'i')} < 0.03) AS is_active
            FROM c""")
        self.sql(f"""INSERT INTO raw_crm.managers
            SELECT manager_id, first_name || ' ' || last_name,
                   lower(first_name) || '.' || lower(last_name) || '@vendor.example', team_name,
                   {lit(REGIONS)}[region + 1], CASE WHEN reports_to IS NOT NULL THEN {id_sql('managers', 'reports_to')} END,
                   is_active
            FROM {META}.managers ORDER BY i""")
        self.sql(f"""CREATE TABLE {META}.reps AS
            SELECT team, manager_id, CAST(row_number() OVER (PARTITION BY team ORDER BY i) - 1 AS BIGINT) AS k,
                   count(*) OVER (PARTITION BY team) AS n_team
            FROM {META}.managers WHERE role = 'rep' AND is_active""")

    # ---------------------------------------------------------------- accounts and world
    def gen_accounts(self):
        r, A, E = self.r, self.n_acc, self.end_d
        self.sql(f"""
            CREATE TEMP TABLE acc_own AS
            WITH b AS (
                SELECT i AS idx, i // 8 AS blk, i % 8 AS slot,
                    {r.u('hier', 'i // 8')} < 0.5 AS is_h,
                    {r.ri('nch', 1, 4, 'i // 8')} AS nc,
                    {r.u('gch', 'i // 8')} < 0.3 AS has_gc
                FROM range({A}) t(i)
            ), n AS (
                SELECT *, CASE WHEN NOT is_h OR slot = 0 THEN 0 WHEN slot <= nc THEN 1
                               WHEN slot = nc + 1 AND has_gc THEN 2 ELSE 0 END AS depth,
                          is_h AND slot = 0 AS is_root
                FROM b
            )
            SELECT *,
                CASE depth WHEN 1 THEN blk * 8 WHEN 2 THEN blk * 8 + 1 END AS parent_idx,
                CASE WHEN depth > 0 THEN blk * 8 ELSE idx END AS root_idx,
                CASE WHEN is_root THEN {code_by_weights(r.u('seg', 'idx'), ROOT_SEGMENT_WEIGHTS)}
                     ELSE (CASE WHEN {r.u('seg', 'idx')} < 0.12 THEN 0
                                WHEN {r.u('seg', 'idx')} < 0.42 THEN 1 ELSE 2 END) END AS seg_own,
                {code_by_weights(r.u('step', 'idx'), CHILD_SEGMENT_STEP_WEIGHTS)} AS step,
                {code_by_weights(r.u('reg', 'idx'), REGION_WEIGHTS)} AS reg_own,
                {r.u('regk', 'idx')} < {PARENT_REGION_KEEP_P!r} AS reg_keep,
                CAST({r.h('ind', 'idx')} % {len(INDUSTRIES)} AS INTEGER) AS ind_own,
                {r.u('indk', 'idx')} < {PARENT_INDUSTRY_KEEP_P!r} AS ind_keep,
                {lit(NAME_PREFIXES)}[1 + ((idx * 7919) % 1500) // 25] || ' ' || {lit(NAME_SUFFIXES)}[1 + ((idx * 7919) % 1500) % 25]
                    || CASE WHEN idx >= 1500 THEN ' ' || CAST(idx // 1500 + 1 AS VARCHAR) ELSE '' END AS name_own,
                CAST({r.h('unit', 'blk')} % 25 AS INTEGER) AS unit_off
            FROM n""")
        # Attributes that follow the hierarchy (root -> child -> grandchild).
        cum = [round(sum(by_code(ARCHETYPE_SHARES)[:k + 1]), 6) for k in range(len(ARCHETYPES) - 1)]
        arch = ("CASE " + " ".join(f"WHEN {r.u('arch', 'o.idx')} < {c!r} THEN {k}" for k, c in enumerate(cum))
                + f" ELSE {len(ARCHETYPES) - 1} END")
        self.sql(f"""
            CREATE TEMP TABLE acc_a AS
            SELECT o.idx, o.depth, o.parent_idx, o.root_idx, o.slot,
                CASE o.depth WHEN 0 THEN o.seg_own WHEN 1 THEN least(2, rt.seg_own + o.step)
                     ELSE least(2, rt.seg_own + md.step + o.step) END AS seg,
                CASE WHEN o.depth = 0 OR NOT o.reg_keep THEN o.reg_own ELSE rt.reg_own END AS region,
                CASE WHEN o.depth = 0 OR NOT o.ind_keep THEN o.ind_own ELSE rt.ind_own END AS ind,
                CASE o.depth WHEN 0 THEN o.name_own
                     WHEN 1 THEN rt.name_own || ' ' || {lit(UNIT_NAMES)}[1 + (rt.unit_off + o.slot) % 25]
                     ELSE rt.name_own || ' ' || {lit(UNIT_NAMES)}[1 + (rt.unit_off + 1) % 25] || ' '
                          || {lit(UNIT_NAMES)}[1 + (rt.unit_off + o.slot + 7) % 25] END AS name,
                {arch} AS arch
            FROM acc_own o
            JOIN acc_own rt ON rt.idx = o.root_idx
            LEFT JOIN acc_own md ON md.idx = o.blk * 8 + 1""")
        # Managers: enterprise -> strategic team (if any), others -> their region's team.
        team = "CASE WHEN a.seg = 0 THEN 0 ELSE a.region + 1 END" if self.n_teams == 4 else "a.region"
        self.sql(f"""
            CREATE TEMP TABLE acc_m AS
            WITH t AS (SELECT a.idx, {team} AS team FROM acc_a a),
            n AS (
                SELECT t.idx, t.team, CAST({r.h('mgr', 't.idx')} % nt.n_team AS BIGINT) AS k
                FROM t JOIN (SELECT DISTINCT team, n_team FROM {META}.reps) nt ON nt.team = t.team
            )
            SELECT n.idx, rp.manager_id AS own_mgr
            FROM n JOIN {META}.reps rp ON rp.team = n.team AND rp.k = n.k""")
        # Lifecycle: customer_since, churned_at, drift start, level, mood.
        self.sql(f"""
            CREATE TEMP TABLE acc_l AS
            WITH x AS (
                SELECT a.idx, a.arch,
                    {r.ri('newly', *NEWLY_ONBOARDED_DAYS_AGO, 'a.idx')} AS newly_days,
                    {r.ri('churn', *CHURNED_DAYS_AGO, 'a.idx')} AS churn_days,
                    {r.ri('tenure', *CHURNED_TENURE_YEARS, 'a.idx')} AS tenure_years,
                    {r.ri('since', *CUSTOMER_DAYS_AGO, 'a.idx')} AS since_days
                FROM acc_a a
            ), y AS (
                SELECT idx, arch, tenure_years,
                    CASE arch WHEN 3 THEN {E} - newly_days
                              WHEN 4 THEN (CAST(DATE '1970-01-01' + CAST({E} - churn_days AS INTEGER)
                                                - to_years(CAST(tenure_years AS INTEGER)) AS DATE) - DATE '1970-01-01')
                              ELSE {E} - since_days END AS since_d
                FROM x
            )
            SELECT idx, since_d,
                CASE WHEN arch = 4 THEN (CAST(DATE '1970-01-01' + CAST(since_d AS INTEGER)
                                              + to_years(CAST(tenure_years AS INTEGER)) AS DATE) - DATE '1970-01-01')
                END AS churn_d,
                CASE WHEN arch = 2 THEN {E} - {r.ri('drift', *DRIFT_DAYS_AGO, 'idx')} END AS drift_d,
                {case_code('arch', [uniform(r, 'lvl', LEVEL_RANGE[a], 'idx') for a in ARCHETYPES])} AS lvl,
                {uniform(r, 'mood', MOOD_RANGE, 'idx')} AS mood
            FROM y""")
        perm, keep = ACC_PERM, repr(PARENT_MANAGER_KEEP_P)
        self.sql(f"""
            CREATE TABLE {META}.acct AS
            WITH j AS (
                SELECT a.*, l.since_d, l.churn_d, coalesce(l.churn_d - 1, {FAR_FUTURE_DAY}) AS last_d, l.drift_d,
                       l.lvl, l.mood, m.own_mgr,
                       {id_sql('accounts', f'(a.idx * {perm}) % {A} + 1')} AS account_id,
                       CASE WHEN a.parent_idx IS NOT NULL THEN {id_sql('accounts', f'(a.parent_idx * {perm}) % {A} + 1')} END
                           AS parent_account_id,
                       {by_segment(r, 'nu', USERS_PER_ACCOUNT, 'a.idx')} AS n_users_base,
                       {by_segment(r, 'nc', CONTACTS_PER_ACCOUNT, 'a.idx')} AS n_contacts
                FROM acc_a a JOIN acc_l l USING (idx) JOIN acc_m m USING (idx)
            )
            SELECT j.*,
                CASE j.depth WHEN 0 THEN j.own_mgr
                     WHEN 1 THEN CASE WHEN {r.u('mgrk', 'j.idx')} < {keep} THEN rt.own_mgr ELSE j.own_mgr END
                     ELSE CASE WHEN {r.u('mgrk', 'j.idx')} < {keep}
                               THEN (CASE WHEN {r.u('mgrk', 'md.idx')} < {keep} THEN rt.own_mgr ELSE md.own_mgr END)
                               ELSE j.own_mgr END END AS manager_id,
                CAST(sum(j.n_contacts) OVER (ORDER BY j.idx) - j.n_contacts AS BIGINT) AS contact_base
            FROM j
            LEFT JOIN acc_m rt ON rt.idx = j.root_idx
            LEFT JOIN acc_m md ON md.idx = j.parent_idx""")
        for t in ("acc_own", "acc_a", "acc_m", "acc_l"):
            self.sql(f"DROP TABLE {t}")

    def account_days(self, d0: int, d1: int, step: int = 32) -> str:
        """SQL (a subquery) of one row per account and active day d in d0..d1 (all of acct's columns, and d).

        Goes through the temp table `aspan`: each account once per `step`-day span it is active in, so that
        the unnest reads many row groups in parallel (the 100k accounts alone are one row group, one thread).
        The order of the rows is deterministic (spans by account, then by time)."""
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE aspan AS
            SELECT a.*, greatest(a.since_d, {d0}, k) AS span_lo, least(a.last_d, {d1}, k + {step - 1}) AS span_hi
            FROM {META}.acct a, range({d0}, {d1} + 1, {step}) t(k)
            WHERE a.since_d <= {d1} AND a.last_d >= {d0}
              AND greatest(a.since_d, {d0}, k) <= least(a.last_d, {d1}, k + {step - 1})""")
        return "(SELECT * EXCLUDE (span_lo, span_hi), unnest(range(span_lo, span_hi + 1)) AS d FROM aspan)"

    def calibrate_usage(self):
        """Login probability per user and day so that usage_events lands near the target."""
        E, U0 = self.end_d, self.usage_start_d
        # summed as DECIMAL: exact, so the same whatever the order the threads add the terms in
        s = float(self.one(f"""
            SELECT sum(CAST(n_users_base * i * (1.5 + 0.6 * i) * CASE WHEN (d + 4) % 7 IN (0, 6) THEN 0.25 ELSE 1 END
                            AS DECIMAL(18, 6)))
            FROM (SELECT a.n_users_base, inten(a.arch, a.since_d, a.last_d, a.drift_d, a.churn_d, a.lvl, d) AS i, d
                  FROM {self.account_days(U0, E)} a)""")[0] or 1.0)
        p = self.usage_target / s
        mult = max(1, math.ceil(p * 1.6 / 0.5))
        p = p / mult
        self.p_login, self.users_mult = p, mult
        self.sql(f"ALTER TABLE {META}.acct ADD COLUMN n_users BIGINT")
        self.sql(f"ALTER TABLE {META}.acct ADD COLUMN user_base BIGINT")
        self.sql(f"UPDATE {META}.acct SET n_users = n_users_base * {mult}")
        self.sql(f"""UPDATE {META}.acct a SET user_base = x.ub FROM
            (SELECT idx, sum(n_users) OVER (ORDER BY idx) - n_users AS ub FROM {META}.acct) x WHERE a.idx = x.idx""")

    def gen_contacts(self):
        r = self.r
        self.sql(f"""
            CREATE TABLE {META}.contacts AS
            WITH c AS (
                SELECT a.idx AS acc_idx, a.account_id, a.region, a.name, a.arch, s AS slot,
                    a.contact_base + s + 1 AS cno, a.since_d, least(a.last_d, {self.end_d}) AS span_end
                FROM (SELECT *, unnest(range(n_contacts)) AS s FROM {META}.acct) a
            ), d AS (
                SELECT *, least(span_end, CASE
                    WHEN slot = 0 THEN since_d + {r.ri('c0', *PRIMARY_CONTACT_DAYS, 'cno')}
                    WHEN arch = 3 OR {r.u('cearly', 'cno')} < {EARLY_CONTACT_P!r} THEN since_d + {r.ri('c1', *EARLY_CONTACT_DAYS, 'cno')}
                    ELSE {r.ri('c2', 'since_d', 'span_end', 'cno')} END) AS created_d
                FROM c
            )
            SELECT acc_idx, account_id, slot, cno, {id_sql('contacts', 'cno')} AS contact_id, slot = 0 AS is_primary,
                {r.ts('created_d', 'region', 'cts', 'cno')} AS created_ts,
                {r.pick(FIRST_NAMES, 'cfn', 'cno')} AS first_name, {r.pick(LAST_NAMES, 'cln', 'cno')} AS last_name,
                regexp_replace(lower(name), '[^a-z0-9]', '', 'g') || '.example' AS domain,
                CASE WHEN slot = 0 THEN {r.pick(JOB_TITLES_PRIMARY, 'jt', 'cno')} ELSE {r.pick(JOB_TITLES, 'jt', 'cno')} END
                    AS job_title,
                CASE WHEN {r.u('gone', 'cno')} < 0.08 THEN {r.ri('gonec', 1, 40, 'cno')} END AS gone_cmp
            FROM d""")
        self.sql(f"""INSERT INTO raw_crm.contacts
            SELECT contact_id, account_id,
                lower(first_name) || '.' || lower(last_name) || CASE WHEN slot >= 10 THEN CAST(slot AS VARCHAR) ELSE '' END
                    || '@' || domain,
                first_name || ' ' || last_name, job_title, is_primary, created_ts
            FROM {META}.contacts ORDER BY cno""")

    def gen_commercials(self):
        """Modules, yearly terms, licenses, opportunities, deployments, contract values."""
        r, E, S0 = self.r, self.end_d, self.start_d
        nf = "CASE a.arch " + " ".join(f"WHEN {k} THEN {r.ri('nfin', lo, hi, 'a.idx')}"
                                       for k, (lo, hi) in enumerate(by_code(MODULES_FINAL))) + " END"
        ncross = case_code("a.arch", [str(ch[0]) if len(set(ch)) == 1
                                      else f"{ch}[1 + CAST({r.h('ncr', 'a.idx')} % {len(ch)} AS BIGINT)]"
                                      for ch in by_code(CROSS_SELLS)])
        # -- modules: core at signing, up to n_final - 1 more, the last n_cross of them cross-sold later
        self.sql(f"""
            CREATE TABLE {META}.modules AS
            WITH a AS (
                SELECT a.*, {nf} AS n_final, {ncross} AS n_cross0,
                    greatest({S0}, a.since_d + 120) AS lo,
                    least(a.last_d - 60, {E} - 20, coalesce(a.drift_d - 60, {FAR_FUTURE_DAY})) AS hi
                FROM {META}.acct a
            ), a2 AS (
                SELECT *, CASE WHEN hi > lo THEN least(n_cross0, n_final - 1) ELSE 0 END AS n_cross FROM a
            ), mm AS (
                SELECT a2.idx, a2.since_d, a2.lo, a2.hi, a2.n_final, a2.n_cross, m,
                    row_number() OVER (PARTITION BY a2.idx ORDER BY {r.h('mrank', 'a2.idx', 'm')}, m) AS rnk
                FROM a2, range(1, 7) t(m)
            ), chosen AS (
                SELECT idx, m,
                    CASE WHEN rnk > n_final - 1 - n_cross THEN {r.ri('xdate', 'lo', 'hi', 'idx', 'm')} ELSE since_d END AS added0,
                    since_d, hi
                FROM mm WHERE rnk <= n_final - 1
            )
            , fin AS (
                SELECT idx, 0 AS m, since_d AS added_d FROM {META}.acct
                UNION ALL
                SELECT idx, m, CASE WHEN m = 6 AND added0 < {self.ai_launch_d} + 30
                                    THEN {self.ai_launch_d} + 30 + CAST({r.h('aid', 'idx')} % 60 AS BIGINT)
                                    ELSE added0 END
                FROM chosen
                WHERE m <> 6 OR since_d >= {self.ai_launch_d} OR {self.ai_launch_d} + 90 <= hi
            )
            SELECT fin.idx, fin.m, fin.added_d FROM fin JOIN {META}.acct a ON a.idx = fin.idx
            WHERE fin.m = 0 OR fin.added_d <= least(a.last_d, {E}) - 20""")
        # -- yearly terms on the anniversary and growth at renewals
        gp = case_code("a.arch", [repr(p) for p in by_code(GROWTH_P)])
        self.sql(f"""
            CREATE TABLE {META}.terms AS
            WITH t AS (
                SELECT a.idx, a.arch, a.drift_d, a.churn_d, k,
                    (CAST(DATE '1970-01-01' + CAST(a.since_d AS INTEGER) + to_years(CAST(k AS INTEGER)) AS DATE) - DATE '1970-01-01') AS ts_d,
                    (CAST(DATE '1970-01-01' + CAST(a.since_d AS INTEGER) + to_years(CAST(k + 1 AS INTEGER)) AS DATE) - DATE '1970-01-01') - 1 AS te_d,
                    {gp} AS gp
                FROM {META}.acct a, range(0, 12) r(k)
            ), f AS (
                SELECT * FROM t WHERE ts_d <= {E} AND (churn_d IS NULL OR ts_d < churn_d)
            ), g AS (
                SELECT *, k >= 1 AND ts_d >= {S0}
                    AND NOT (arch = 2 AND ts_d >= drift_d - 30) AND NOT (arch = 4 AND ts_d >= churn_d - 240)
                    AND {r.u('grow', 'idx', 'k')} < gp AS grows,
                    {uniform(r, 'grate', GROWTH_RATE, 'idx, k')} AS rate
                FROM f
            )
            SELECT idx, k, ts_d, te_d, grows,
                sum(CASE WHEN grows THEN ln(1 + rate) ELSE 0 END) OVER (PARTITION BY idx ORDER BY k) AS cum,
                max(k) OVER (PARTITION BY idx) AS last_k
            FROM g""")
        # -- module values: final values share the target contract value; earlier terms scaled back by growth
        acv_range = {s: ACV_RANGE[seg] for s, seg in enumerate(SEGMENTS)}
        target = "CASE a.seg " + " ".join(
            f"WHEN {s} THEN exp(ln({lo}) + (ln({hi}) - ln({lo})) * {r.u('acv', 'a.idx')})" for s, (lo, hi) in acv_range.items()) + " END"
        seats = {s: CORE_SEATS[seg] for s, seg in enumerate(SEGMENTS)}
        core_seats = "CASE a.seg " + " ".join(f"WHEN {s} THEN {r.ri('seats', lo, hi, 'a.idx')}" for s, (lo, hi) in seats.items()) + " END"
        self.sql(f"""
            CREATE TABLE {META}.mterms AS
            WITH mw AS (
                SELECT md.idx, md.m, md.added_d,
                    CASE WHEN md.m = 0 THEN 1.0 ELSE {uniform(r, 'mw', ADDON_VALUE_WEIGHT, 'md.idx, md.m')} END AS w,
                    {target} AS target, {core_seats} AS core_seats
                FROM {META}.modules md JOIN {META}.acct a USING (idx)
            ), mv AS (
                SELECT *, target * w / sum(w) OVER (PARTITION BY idx) AS final_value,
                    CASE WHEN m = 0 THEN core_seats
                         ELSE greatest(3, round(core_seats * ({uniform(r, 'ms', ADDON_SEATS_SHARE, 'idx, m')}))) END AS final_seats
                FROM mw
            ), k0 AS (
                SELECT mv.idx, mv.m, mv.added_d, mv.final_value, mv.final_seats, max(t.k) AS k0
                FROM mv JOIN {META}.terms t ON t.idx = mv.idx AND t.ts_d <= mv.added_d
                GROUP BY ALL
            ), lastcum AS (SELECT idx, cum AS last_cum FROM {META}.terms WHERE k = last_k)
            SELECT k0.idx, k0.m, k0.added_d, k0.k0, t.k, t.ts_d, t.te_d, t.last_k,
                CASE WHEN t.k = k0.k0 THEN k0.added_d ELSE t.ts_d END AS starts_d,
                round(k0.final_value * exp(t.cum - lc.last_cum), 2) AS value,
                CAST(greatest(1, round(k0.final_seats * exp(t.cum - lc.last_cum))) AS INTEGER) AS seats
            FROM k0 JOIN {META}.terms t ON t.idx = k0.idx AND t.k >= k0.k0
            JOIN lastcum lc ON lc.idx = k0.idx""")
        self.sql(f"""ALTER TABLE {META}.acct ADD COLUMN acv DECIMAL(18,2)""")
        self.sql(f"""UPDATE {META}.acct a SET acv = x.acv FROM
            (SELECT idx, sum(value) AS acv FROM {META}.mterms WHERE k = last_k GROUP BY idx) x WHERE a.idx = x.idx""")
        # -- accounts (the clean row of each)
        self.sql(f"""INSERT INTO raw_crm.accounts
            SELECT account_id, name, parent_account_id, manager_id, {lit(INDUSTRIES)}[ind + 1], {lit(REGIONS)}[region + 1],
                CASE WHEN {r.u('segsp', 'idx')} < 0.005 THEN {lit(['Enterprise', 'Mid-Market', 'SMB'])}[seg + 1]
                     ELSE {lit(SEGMENTS)}[seg + 1] END,
                {date_of('since_d')}, CASE WHEN churn_d IS NOT NULL THEN {date_of('churn_d')} END, acv,
                {r.ts(r.ri('upd', 'greatest(since_d, coalesce(churn_d, since_d), ' + str(self.end_d - ACCOUNT_UPDATED_WITHIN_DAYS) + ')', self.end_d, 'idx'), 'region', 'updts', 'idx')}
            FROM {META}.acct ORDER BY account_id""")
        # -- licenses
        self.sql(f"""INSERT INTO raw_crm.licenses
            SELECT {id_sql('licenses', 'row_number() OVER (ORDER BY a.account_id, t.m, t.starts_d)')}, a.account_id,
                {lit(MODULES)}[t.m + 1], t.seats, {date_of('t.starts_d')}, {date_of('t.te_d')}, t.value
            FROM {META}.mterms t JOIN {META}.acct a USING (idx)
            WHERE t.te_d >= {S0}
            ORDER BY a.account_id, t.m, t.starts_d""")
        # -- opportunities
        E_ts = f"make_timestamp(CAST({E + 1} AS BIGINT) * 86400000000 - 1000000)"
        ts = lambda day, salt, key: r.ts(day, "a.region", salt, "a.idx", key)  # noqa: E731
        od = OPPORTUNITY_DAYS
        self.sql(f"""
            CREATE TEMP TABLE opp_raw AS
            WITH nb AS (
                SELECT idx, sum(value) AS amount FROM {META}.mterms WHERE k = 0 AND added_d = ts_d GROUP BY idx
            ), ren AS (
                SELECT p.idx, t.k, t.ts_d, t.grows, sum(p.value) AS amount, sum(c.value - p.value) AS delta
                FROM {META}.terms t
                JOIN {META}.mterms p ON p.idx = t.idx AND p.k = t.k - 1
                JOIN {META}.mterms c ON c.idx = t.idx AND c.m = p.m AND c.k = t.k
                WHERE t.k >= 1 AND t.ts_d >= {S0} AND p.added_d < t.ts_d
                GROUP BY ALL
            ), xs AS (
                SELECT m1.idx, m1.m, m1.added_d, m1.value FROM {META}.mterms m1 JOIN {META}.acct a1 ON a1.idx = m1.idx
                WHERE m1.k = m1.k0 AND m1.added_d <> a1.since_d
            ), o AS (
                SELECT a.idx, 'new_business' AS kind, nb.amount,
                    {ts('a.since_d - ' + r.ri('nbc', *od['new_business'][0], 'a.idx'), 'nbct', "'nb'")} AS created_at,
                    {ts('a.since_d - ' + r.ri('nbx', *od['new_business'][1], 'a.idx'), 'nbxt', "'nb'")} AS closed_at,
                    true AS won, NULL AS stage
                FROM {META}.acct a JOIN nb USING (idx)
                UNION ALL
                SELECT a.idx, 'renewal', ren.amount,
                    {ts('ren.ts_d - ' + r.ri('rnc', *od['renewal'][0], 'a.idx', 'ren.k'), 'rnct', 'ren.k')},
                    {ts('ren.ts_d - ' + r.ri('rnx', *od['renewal'][1], 'a.idx', 'ren.k'), 'rnxt', 'ren.k')}, true, NULL
                FROM {META}.acct a JOIN ren USING (idx)
                UNION ALL
                SELECT a.idx, 'expansion', ren.delta,
                    {ts('ren.ts_d - ' + r.ri('exc', *od['expansion'][0], 'a.idx', 'ren.k'), 'exct', 'ren.k')},
                    {ts('ren.ts_d - ' + r.ri('exx', *od['expansion'][1], 'a.idx', 'ren.k'), 'exxt', 'ren.k')}, true, NULL
                FROM {META}.acct a JOIN ren USING (idx) WHERE ren.grows AND ren.delta > 0
                UNION ALL
                SELECT a.idx, 'cross_sell', xs.value,
                    {ts('xs.added_d - ' + r.ri('xsc', *od['cross_sell'][0], 'a.idx', 'xs.m'), 'xsct', 'xs.m')},
                    {ts('xs.added_d - ' + r.ri('xsx', *od['cross_sell'][1], 'a.idx', 'xs.m'), 'xsxt', 'xs.m')}, true, NULL
                FROM {META}.acct a JOIN xs USING (idx)
                UNION ALL
                SELECT a.idx, 'renewal', a.acv,
                    {ts('a.churn_d - ' + r.ri('chc', *od['lost_renewal'][0], 'a.idx'), 'chct', "'ch'")},
                    {ts('a.churn_d - ' + r.ri('chx', *od['lost_renewal'][1], 'a.idx'), 'chxt', "'ch'")}, false, NULL
                FROM {META}.acct a WHERE a.churn_d IS NOT NULL
                UNION ALL
                SELECT a.idx, 'renewal', a.acv,
                    {ts('least(' + str(E) + ', nx.next_d - ' + r.ri('opc', *od['open_renewal'][0], 'a.idx') + ')', 'opct', "'op'")},
                    NULL, false,
                    CASE WHEN a.arch = 2 OR {r.u('stg', 'a.idx')} < 0.5 THEN 'negotiation' ELSE 'proposal' END
                FROM {META}.acct a JOIN (SELECT idx, max(te_d) + 1 AS next_d FROM {META}.terms GROUP BY idx) nx USING (idx)
                WHERE a.churn_d IS NULL AND nx.next_d - 100 <= {E}
                UNION ALL
                SELECT a.idx, 'cross_sell', a.acv * ({uniform(r, 'lxa', LOST_CROSS_SELL_SHARE, 'a.idx')}),
                    {ts('ld.d', 'lxct', "'lx'")}, {ts('ld.d + ' + r.ri('lxx', *LOST_CROSS_SELL_CLOSE_DAYS, 'a.idx'), 'lxxt', "'lx'")}, false, NULL
                FROM {META}.acct a JOIN (
                    SELECT idx, {r.ri('lxd', f'greatest({S0}, since_d + 60)', 'least(last_d, ' + str(E) + ') - 70', 'idx')} AS d
                    FROM {META}.acct WHERE arch IN (1, 2) AND {r.u('lx', 'idx')} < {LOST_CROSS_SELL_P!r}
                        AND least(last_d, {E}) - 70 >= greatest({S0}, since_d + 60)) ld USING (idx)
                UNION ALL
                SELECT a.idx, 'expansion', a.acv * ({uniform(r, 'oxa', OPEN_EXPANSION_SHARE, 'a.idx')}),
                    {ts(str(E) + ' - ' + r.ri('oxc', *OPEN_EXPANSION_DAYS, 'a.idx'), 'oxct', "'ox'")}, NULL, false,
                    CASE WHEN {r.u('oxs', 'a.idx')} < 0.5 THEN 'qualification' ELSE 'proposal' END
                FROM {META}.acct a WHERE a.arch = 0 AND {r.u('ox', 'a.idx')} < {OPEN_EXPANSION_P!r}
            )
            SELECT o.idx, a.account_id, kind, round(amount, 2) AS amount, created_at,
                CASE WHEN closed_at <= {E_ts} THEN closed_at END AS closed_at, won, stage
            FROM o JOIN {META}.acct a USING (idx)
            WHERE created_at <= {E_ts}""")
        self.insert_ordered("opportunities", f"""
            SELECT account_id,
                CASE WHEN kind = 'cross_sell' AND {r.u('ksp', 'idx', 'created_at')} < 0.003 THEN 'Cross-Sell' ELSE kind END
                    AS opportunity_type,
                amount,
                CASE WHEN closed_at IS NULL THEN coalesce(stage, 'proposal') WHEN won THEN 'closed_won' ELSE 'closed_lost' END
                    AS stage,
                CASE WHEN closed_at IS NOT NULL THEN won END AS is_won, closed_at IS NOT NULL AS is_closed,
                created_at, closed_at, kind
            FROM opp_raw""", "created_at, account_id, kind, amount", 0)
        # extra demo/trial activities of the cross-sells (inserted with the other activities)
        self.sql(f"""
            CREATE TEMP TABLE xs_acts AS
            SELECT o.idx, 'demo' AS kind, {day_of('o.created_at')} + {r.ri('dmo', *CROSS_SELL_DEMO_DAYS, 'o.idx', 'o.created_at')} AS d
            FROM opp_raw o WHERE o.kind = 'cross_sell' AND o.won
            UNION ALL
            SELECT o.idx, 'trial', {day_of('o.created_at')} + {r.ri('trl', *CROSS_SELL_TRIAL_DAYS, 'o.idx', 'o.created_at')}
            FROM opp_raw o WHERE o.kind = 'cross_sell' AND o.won""")
        # -- deployments: first report after licensing, then upgrades (champions follow every release)
        lag = case_code("a.arch", ["0" if rg == (0, 0) else r.ri('lag', *rg, 'a.idx', 'md.m') for rg in by_code(DEPLOY_LAG)])
        checks = [k for k, a in enumerate(ARCHETYPES) if a in DEPLOY_CHECK_DAYS]
        follows = "(" + ", ".join(str(k) for k, a in enumerate(ARCHETYPES) if a not in DEPLOY_CHECK_DAYS) + ")"
        self.sql(f"""
            CREATE TEMP TABLE dep_base AS
            WITH b AS (
                SELECT md.idx, md.m, a.arch, a.region,
                    greatest(md.added_d, {S0}) + {r.ri('dfirst', *DEPLOY_FIRST_DAYS, 'md.idx', 'md.m')} AS first_d,
                    least(a.last_d, {E}) AS limit_d, {lag} AS lag,
                    CASE a.arch {' '.join(f"WHEN {k} THEN {r.ri('dstep', *DEPLOY_CHECK_DAYS[ARCHETYPES[k]], 'md.idx', 'md.m')}"
                                          for k in checks[:-1])}
                                ELSE {r.ri('dstep', *DEPLOY_CHECK_DAYS[ARCHETYPES[checks[-1]]], 'md.idx', 'md.m')} END AS step,
                    {r.ri('dcap', 0, 1, 'md.idx', 'md.m')} AS cap_off
                FROM {META}.modules md JOIN {META}.acct a USING (idx)
            ), c AS (
                SELECT b.*, rl.k AS latest_k,
                    (SELECT count(*) FROM {META}.releases r2 WHERE r2.m = b.m AND r2.rel_d <= {E}) AS n_rel
                FROM b ASOF JOIN {META}.releases rl ON rl.m = b.m AND b.first_d >= rl.rel_d
                WHERE b.first_d <= b.limit_d
            )
            SELECT *, CASE WHEN arch = 2 THEN greatest(0, n_rel - 4 - cap_off) ELSE n_rel - 1 END AS cap,
                least(greatest(latest_k - lag, 0), CASE WHEN arch = 2 THEN greatest(0, n_rel - 4 - cap_off) ELSE n_rel - 1 END) AS cur0
            FROM c""")
        self.sql(f"""
            INSERT INTO raw_crm.deployments
            WITH follow AS (       -- champions and newly onboarded install each release 4-30 days after it ships
                SELECT b.idx, b.m, b.region, rl.k,
                       rl.rel_d + {r.ri('dfol', *DEPLOY_FOLLOW_DAYS, 'b.idx', 'b.m', 'rl.k')} AS d, b.limit_d
                FROM dep_base b JOIN {META}.releases rl ON rl.m = b.m AND rl.k > b.cur0
                WHERE b.arch IN {follows}
            ), checks AS (         -- the others upgrade to the latest release now and then
                SELECT b.idx, b.m, b.region, b.cap, b.cur0, b.first_d + j * b.step AS d, b.limit_d
                FROM dep_base b, range(1, 40) t(j)
                WHERE b.arch NOT IN {follows} AND b.first_d + j * b.step <= b.limit_d
            ), periodic AS (
                SELECT c.idx, c.m, c.region, least(rl.k, c.cap) AS k, min(c.d) AS d
                FROM checks c ASOF JOIN {META}.releases rl ON rl.m = c.m AND c.d >= rl.rel_d
                WHERE least(rl.k, c.cap) > c.cur0
                GROUP BY ALL
            ), allrows AS (
                SELECT idx, m, region, cur0 AS k, first_d AS d FROM dep_base
                UNION ALL SELECT idx, m, region, k, d FROM follow WHERE d <= limit_d
                UNION ALL SELECT idx, m, region, k, d FROM periodic
            )
            SELECT a.account_id, {lit(MODULES)}[x.m + 1], rl.version,
                {r.ts('x.d', 'x.region', 'dts', 'x.idx', 'x.m', 'x.k')}
            FROM allrows x JOIN {META}.acct a USING (idx) JOIN {META}.releases rl ON rl.m = x.m AND rl.k = x.k
            ORDER BY a.account_id, x.m, x.d""")
        # -- wallet estimates: one or two per account
        u = r.u('wsh', 'idx')
        share = case_code("arch", [f"{lo!r} + {round(hi - lo, 6)!r} * {u}" for lo, hi in by_code(WALLET_SHARE)])
        self.sql(f"""
            INSERT INTO raw_crm.wallet_estimates
            WITH b AS (
                SELECT idx, account_id, acv,
                    CASE WHEN {r.u('wlow', 'idx')} < {WALLET_BELOW_SPEND_P!r} THEN {uniform(r, 'wlo2', WALLET_BELOW_SPEND_SHARE, 'idx')}
                         ELSE {share} END AS share,
                    CASE WHEN greatest(since_d, {S0}) + 20 <= least(last_d, {E}) THEN greatest(since_d, {S0}) + 20
                         ELSE since_d END AS lo,
                    least(last_d, {E}) AS hi,
                    CASE WHEN {r.u('wn', 'idx')} < 0.5 THEN 1 ELSE 2 END AS n
                FROM {META}.acct
            ), d AS (
                SELECT DISTINCT idx, account_id, acv, share, {r.ri('wd', 'lo', 'hi', 'idx', 'j')} AS d
                FROM b JOIN range(0, 2) t(j) ON j < n
            )
            SELECT account_id, round(acv / share * ({uniform(r, 'wv', WALLET_SPEND_SPREAD, 'idx, d')}), -2), {date_of('d')}
            FROM d ORDER BY account_id, d""")

    # ---------------------------------------------------------------- per account-day touchpoints
    def gen_account_days(self, d0: int, d1: int, salt: str = "", rate: float = 1.0, usage_start: int | None = None):
        """Daily Bernoulli draws per account and day: cases, meetings, inquiries, business reviews,
        advocacy and in-app NPS. Writes temp table `adt`."""
        us = self.usage_start_d if usage_start is None else usage_start
        s = salt
        segc = f"{[CASES_BY_SEGMENT[seg] for seg in SEGMENTS]}[a.seg + 1]"
        f = (f"CASE WHEN a.arch = 2 AND d >= a.drift_d THEN {CASE_FACTOR_DRIFTED!r} "
             f"WHEN a.arch = 3 AND d - a.since_d < {CASE_ONBOARDING_DAYS} THEN {CASE_FACTOR_ONBOARDING!r} "
             f"WHEN a.arch = 4 AND d >= a.churn_d - {CASE_CHURNING_DAYS} THEN {CASE_FACTOR_CHURNING!r} "
             f"ELSE {by_code(CASE_FACTOR)}[a.arch + 1] END")
        adv = f"CASE WHEN a.arch = 2 AND d >= a.drift_d THEN 0.0 ELSE {by_code(ADVOCACY_P)}[a.arch + 1] END"
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE adt AS
            WITH g AS (
                SELECT a.idx, a.account_id, a.arch, a.seg, a.region, a.since_d, a.churn_d, a.drift_d, a.mood,
                    a.n_contacts, d,
                    inten(a.arch, a.since_d, a.last_d, a.drift_d, a.churn_d, a.lvl, d) AS i,
                    {segc} * {f} / 30.44 AS p_case,
                    {MEETING_RATE!r} * {[MEETINGS_BY_SEGMENT[seg] for seg in SEGMENTS]}[a.seg + 1] / 30.44 AS p_meet_base,
                    {adv} / 91.0 AS p_adv
                FROM {self.account_days(d0, d1)} a
            ), h AS (       -- two hashes per account-day, sliced into six 21-bit uniforms
                SELECT *, hash({self.seed}, 'ad1{s}', idx, d) AS h1, hash({self.seed}, 'ad2{s}', idx, d) AS h2 FROM g
            ), f AS (
                SELECT *,
                    (h1 & 2097151) / 2097152.0 < p_case * {rate}
                        AND (churn_d IS NULL OR d <= churn_d - 35) AS c_case,
                    ((h1 >> 21) & 2097151) / 2097152.0 < p_meet_base * i * {rate} AS c_meet,
                    ((h1 >> 42) & 2097151) / 2097152.0 < {INQUIRIES_PER_MONTH!r} / 30.44 * {rate} AS c_inq,
                    -- business reviews: every 91 days on an account-specific phase (mid-market and enterprise)
                    seg < 2 AND (d + idx * 37) % 91 = 0
                        AND (h2 & 2097151) / 2097152.0 < least({BUSINESS_REVIEW_CAP!r}, {BUSINESS_REVIEW_FACTOR!r} * i) AS c_br,
                    ((h2 >> 21) & 2097151) / 2097152.0 < p_adv * {rate} AS c_adv,
                    d >= {us} AND ((h2 >> 42) & 2097151) / 2097152.0 < 0.35 * least(1.2, i) / 91.0 * {rate} AS c_inapp
                FROM h
            )
            SELECT * FROM f WHERE c_case OR c_meet OR c_inq OR c_br OR c_adv OR c_inapp""")

    def contact_pick(self, alias: str, ts_expr: str, salt: str, key: str, table: str) -> tuple[str, str]:
        """(join sql, contact_id expr): with the table's TOUCHPOINT_CONTACT_P, a random contact of the account that
        existed at ts, else the primary; else none."""
        r = self.r
        p_none = round(1 - TOUCHPOINT_CONTACT_P[table], 6)
        j = (f" LEFT JOIN {META}.contacts {alias}c ON {alias}c.acc_idx = x.idx"
             f" AND {alias}c.slot = CAST({r.h(salt, key)} % x.n_contacts AS BIGINT)"
             f" LEFT JOIN {META}.contacts {alias}p ON {alias}p.acc_idx = x.idx AND {alias}p.slot = 0")
        e = (f"CASE WHEN {r.u(salt + 'none', key)} < {p_none} THEN NULL"
             f" WHEN {alias}c.created_ts <= {ts_expr} THEN {alias}c.contact_id"
             f" WHEN {alias}p.created_ts <= {ts_expr} THEN {alias}p.contact_id END")
        return j, e

    def gen_cases(self, end_ts: str, off: int, salt: str = ""):
        r = self.r
        key = "idx, d"
        s = salt
        join, contact = self.contact_pick("k", "x.opened_at", "cc" + s, "x.idx, x.d", "cases")
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE case_tmp AS
            WITH c AS (
                SELECT *, {r.ts('d', 'region', 'cts' + s, 'idx', 'd')} AS opened_at,
                    {r.u('esc' + s, key)} < CASE WHEN arch = 2 AND d >= drift_d THEN {ESCALATION_P_DRIFTED!r}
                                             WHEN arch = 4 AND d >= churn_d - {CASE_CHURNING_DAYS} THEN {ESCALATION_P_CHURNING!r}
                                             ELSE {by_code(ESCALATION_P)}[arch + 1] END AS escalated,
                    {r.u('prio' + s, key)} AS up
                FROM adt WHERE c_case
            ), p AS (
                SELECT *, CASE WHEN escalated THEN {weighted_pick(CASE_PRIORITIES, CASE_PRIORITY_WEIGHTS[True], 'up')}
                               ELSE {weighted_pick(CASE_PRIORITIES, CASE_PRIORITY_WEIGHTS[False], 'up')} END AS priority
                FROM c
            ), q AS (
                SELECT *, opened_at + to_minutes(CAST(
                        CASE priority {' '.join(f"WHEN '{p}' THEN {r.ri('hrs' + s, *CASE_RESOLUTION_HOURS[p], key)}"
                                                for p in ('urgent', 'high', 'normal'))}
                                      ELSE {r.ri('hrs' + s, *CASE_RESOLUTION_HOURS['low'], key)} END * 60
                        + {r.ri('mins' + s, 0, 59, key)}
                        + CASE WHEN escalated THEN {r.ri('escd' + s, 2, 10, key)} * 1440 ELSE 0 END AS BIGINT)) AS closed0
                FROM p
            )
            SELECT x.*,
                CASE WHEN x.closed0 <= {end_ts} THEN x.closed0 END AS closed_at,
                CASE WHEN x.closed0 > {end_ts} THEN (CASE WHEN {r.u('st' + s, 'x.idx', 'x.d')} < 0.67 THEN 'open' ELSE 'pending' END)
                     WHEN x.closed0 + INTERVAL 7 DAY > {end_ts} THEN 'solved' ELSE 'closed' END AS status,
                CASE WHEN x.closed0 <= {end_ts} AND {r.u('rated' + s, 'x.idx', 'x.d')} < {CASE_RATED_P!r} THEN
                    CAST(least(5, greatest(1, round(1 + 4 * (senti(x.arch, x.drift_d, x.churn_d, x.mood, x.d)
                        - CASE WHEN x.escalated THEN {CASE_CSAT_ESCALATION_PENALTY!r} ELSE 0 END) + {r.noise('csn' + s, CASE_CSAT_SD, 'x.idx', 'x.d')}))) AS INTEGER) END AS csat,
                {contact} AS contact_id
            FROM q x {join}""")
        self.insert_ordered("cases", f"""
            SELECT account_id, contact_id, opened_at, closed_at,
                CASE WHEN priority = 'high' AND {r.u('psp' + s, 'idx', 'd')} < 0.002 THEN 'HIGH' ELSE priority END AS priority,
                status, {r.pick([c for c, w in CASE_CHANNEL_WEIGHTS.items() for _ in range(w // 10)], 'chan' + s, 'idx', 'd')} AS channel,
                {r.pick(CASE_CATEGORIES, 'cat' + s, 'idx', 'd')} AS category, escalated AS is_escalated, csat AS csat_score, idx
            FROM case_tmp""", "opened_at, account_id, idx", off)

    def gen_activities(self, off: int, salt: str = "", with_cross_sell: bool = False):
        r = self.r
        s = salt
        extra = ""
        if with_cross_sell:
            extra = f"""UNION ALL
                SELECT xa.idx, a.account_id, a.region, a.n_contacts, xa.kind, xa.d, CASE xa.kind WHEN 'demo' THEN 10 ELSE 11 END AS n
                FROM xs_acts xa JOIN {META}.acct a USING (idx)
                WHERE xa.d >= greatest(a.since_d, {self.start_d}) AND xa.d <= least(a.last_d, {self.end_d})"""
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE act_tmp AS
            WITH k AS (
                SELECT idx, account_id, region, n_contacts, 'meeting' AS kind, d, 1 AS n FROM adt WHERE c_meet
                UNION ALL SELECT idx, account_id, region, n_contacts, 'inquiry', d, 2 FROM adt WHERE c_inq
                UNION ALL SELECT idx, account_id, region, n_contacts, 'business_review', d, 3 FROM adt WHERE c_br
                {extra}
            ), x AS (
                SELECT *, {r.ts('d', 'region', 'ats' + s, 'idx', 'd', 'n')} AS occurred_at FROM k
            )
            SELECT x.idx, x.account_id, x.kind, x.occurred_at, x.n,
                CASE WHEN x.kind = 'business_review' AND kp.created_ts <= x.occurred_at THEN kp.contact_id
                     ELSE {self.contact_pick('k', 'x.occurred_at', 'ac' + s, 'x.idx, x.d, x.n', 'activities')[1]} END AS contact_id
            FROM x {self.contact_pick('k', 'x.occurred_at', 'ac' + s, 'x.idx, x.d, x.n', 'activities')[0]}""")
        self.insert_ordered("activities", f"""
            SELECT account_id, contact_id,
                CASE WHEN kind = 'business_review' AND {r.u('bsp' + s, 'idx', 'occurred_at')} < 0.01 THEN 'Business Review'
                     ELSE kind END AS activity_type,
                occurred_at, idx, n
            FROM act_tmp""", "occurred_at, account_id, n", off)

    def gen_advocacy(self, off: int, salt: str = ""):
        r = self.r
        s = salt
        w = [t for t, k in zip(ADVOCACY_TYPES, ADVOCACY_TYPE_WEIGHTS) for _ in range(k)]
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE adv_tmp AS
            WITH x AS (SELECT *, {r.ts('d', 'region', 'vts' + s, 'idx', 'd')} AS occurred_at FROM adt WHERE c_adv)
            SELECT x.idx, x.account_id, x.occurred_at, {r.pick(w, 'vty' + s, 'x.idx', 'x.d')} AS kind,
                {self.contact_pick('v', 'x.occurred_at', 'vc' + s, 'x.idx, x.d', 'advocacy')[1]} AS contact_id
            FROM x {self.contact_pick('v', 'x.occurred_at', 'vc' + s, 'x.idx, x.d', 'advocacy')[0]}""")
        self.insert_ordered("advocacy", """
            SELECT account_id, contact_id, kind AS advocacy_type, occurred_at FROM adv_tmp""",
            "occurred_at, account_id", off)

    # ---------------------------------------------------------------- surveys
    def score_sql(self, kind_expr: str, s_expr: str, salt: str, key: str) -> str:
        r = self.r
        kind_salt = {"nps": "n", "csat": "c", "ces": "e"}
        return "CAST(" + case_code(kind_expr, [(kind,
            f"least({hi}, greatest({lo}, round({lo} + {hi - lo} * {s_expr} + "
            f"{r.noise(salt + kind_salt[kind], SURVEY_SCORE_SD[kind], key)})))")
            for kind, (lo, hi) in SURVEY_SCALES.items()], by="value") + " AS INTEGER)"

    def gen_surveys_main(self, inv_off: int, rsp_off: int):
        r, E, S0 = self.r, self.end_d, self.start_d
        end = self.end
        waves = []
        y = dt.date.fromordinal(EPOCH.toordinal() + S0).year
        for year in range(y, end.year + 1):
            for mo in (3, 9):
                d = dt.date(year, mo, 15)
                if S0 <= day_num(d) <= E:
                    waves.append(day_num(d))
        wave_vals = ", ".join(f"({w})" for w in waves) or "(NULL)"
        end_ts = f"make_timestamp(CAST({E + 1} AS BIGINT) * 86400000000 - 1000000)"
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE inv_tmp AS
            WITH w AS (SELECT col0 AS wd FROM (VALUES {wave_vals})),
            nps AS (
                SELECT c.acc_idx AS idx, c.contact_id, c.is_primary, a.seg, w.wd,
                    make_timestamp((CAST(w.wd AS BIGINT) * 86400 + 8 * 3600 + CAST({r.h('wts', 'a.idx', 'w.wd')} % 3600 AS BIGINT)) * 1000000) AS sent_at,
                    c.created_ts, {r.h('wpick', 'c.cno', 'w.wd')} AS hk
                FROM {META}.contacts c JOIN {META}.acct a ON a.idx = c.acc_idx, w
                WHERE w.wd BETWEEN a.since_d + 30 AND a.last_d
            ), nps2 AS (
                SELECT *, row_number() OVER (PARTITION BY idx, wd, is_primary ORDER BY hk, contact_id) AS rk
                FROM nps WHERE created_ts <= sent_at
            ), onb AS (
                SELECT a.idx, c.contact_id, {r.ts('a.since_d + ' + r.ri('onb', 60, 90, 'a.idx'), 'a.region', 'onbts', 'a.idx')} AS sent_at,
                    c.created_ts, a.since_d + {r.ri('onb', 60, 90, 'a.idx')} AS d, a.last_d
                FROM {META}.acct a JOIN {META}.contacts c ON c.acc_idx = a.idx AND c.slot < 2
                WHERE a.since_d >= {S0}
            ), cs AS (
                SELECT ct.idx, ct.contact_id, ct.closed_at + to_hours(CAST({r.ri('csh', 1, 3, 'ct.idx', 'ct.d')} AS BIGINT)) AS sent_at,
                    {r.u('csu', 'ct.idx', 'ct.d')} AS uu, a.last_d
                FROM case_tmp ct JOIN {META}.acct a ON a.idx = ct.idx
                WHERE ct.closed_at IS NOT NULL AND ct.contact_id IS NOT NULL
            )
            SELECT idx, 'SRV-001' AS survey_id, contact_id, sent_at FROM nps2
                WHERE is_primary OR rk <= CASE WHEN seg = 0 THEN 4 ELSE 2 END
            UNION ALL
            SELECT idx, 'SRV-003', contact_id, sent_at FROM onb WHERE d <= least(last_d, {E}) AND created_ts <= sent_at
            UNION ALL
            SELECT idx, CASE WHEN uu < 0.5 THEN 'SRV-002' ELSE 'SRV-005' END, contact_id, sent_at FROM cs
                WHERE uu < 0.65 AND sent_at <= {end_ts} AND {day_of('sent_at')} <= last_d""")
        self.insert_invitations_and_responses(inv_off, rsp_off, end_ts, "")

    def insert_invitations_and_responses(self, inv_off: int, rsp_off: int, end_ts: str, s: str):
        r = self.r
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE inv_num AS
            SELECT i.*, a.account_id, a.arch, a.drift_d, a.churn_d, a.mood, a.last_d,
                {id_sql('invitations', f'{inv_off} + row_number() OVER (ORDER BY i.sent_at, i.survey_id, i.contact_id)')} AS invitation_id
            FROM inv_tmp i JOIN {META}.acct a USING (idx)""")
        self.sql(f"""INSERT INTO raw_survey.invitations
            SELECT invitation_id, survey_id, contact_id,
                CASE WHEN {r.u('iacc' + s, 'invitation_id')} < {INVITATION_ACCOUNT_P!r} THEN account_id END, sent_at
            FROM inv_num ORDER BY sent_at, survey_id, contact_id""")
        p = (f"CASE WHEN arch = 2 AND {{d}} >= drift_d THEN {RESPONSE_P_DRIFTED!r} ELSE {by_code(RESPONSE_P)}[arch + 1] END")
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE rsp_tmp AS
            WITH x AS (
                SELECT *, sent_at + to_minutes(CAST({r.ri('rh' + s, 60, 14400, 'invitation_id')} AS BIGINT)) AS responded_at
                FROM inv_num
                WHERE {r.u('resp' + s, 'invitation_id')} < {p.format(d=day_of('sent_at'))}
            )
            SELECT idx, account_id, arch, drift_d, churn_d, mood, survey_id, invitation_id, contact_id, responded_at
            FROM x WHERE responded_at <= {end_ts} AND {day_of('responded_at')} <= last_d
            UNION ALL
            SELECT x.idx, x.account_id, x.arch, x.drift_d, x.churn_d, x.mood, 'SRV-004', NULL, kc.contact_id,
                {r.ts('x.d', 'x.region', 'iats' + s, 'x.idx', 'x.d')}
            FROM adt x JOIN {META}.contacts kc ON kc.acc_idx = x.idx
                AND kc.slot = CAST({r.h('iac' + s, 'x.idx', 'x.d')} % x.n_contacts AS BIGINT)
            WHERE x.c_inapp AND kc.created_ts <= {r.ts('x.d', 'x.region', 'iats' + s, 'x.idx', 'x.d')}""")
        kinds = "CASE survey_id " + " ".join(f"WHEN '{i}' THEN '{kind}'" for i, kind, _ in SURVEYS) + " END"
        rel = scale_share("kind", "score")
        sc = self.score_sql("kind", f"senti(arch, drift_d, churn_d, mood, {day_of('responded_at')})", "sc" + s,
                            "contact_id, responded_at")
        self.insert_ordered("responses", f"""
            WITH y AS (SELECT *, {kinds} AS kind FROM rsp_tmp),
            z AS (SELECT *, {sc} AS score FROM y)
            SELECT survey_id, invitation_id, contact_id,
                CASE WHEN {r.u('racc' + s, 'contact_id', 'responded_at')} < {RESPONSE_ACCOUNT_P!r} THEN account_id END AS account_id,
                responded_at, score,
                CASE WHEN {r.u('rcm' + s, 'contact_id', 'responded_at')} < {RESPONSE_COMMENT_P!r} THEN
                    CASE WHEN {rel} >= {COMMENT_HIGH_FROM!r}
                         THEN {r.pick(COMMENTS['high'], 'cmh' + s, 'contact_id', 'responded_at')}
                         WHEN {rel} >= {COMMENT_MID_FROM!r}
                         THEN {r.pick(COMMENTS['mid'], 'cmm' + s, 'contact_id', 'responded_at')}
                         ELSE {r.pick(COMMENTS['low'], 'cml' + s, 'contact_id', 'responded_at')} END END AS comment
            FROM z""", "responded_at, survey_id, contact_id, invitation_id, score", rsp_off)

    # ---------------------------------------------------------------- marketing
    def event_calendar(self, d0: int, d1: int) -> list[tuple]:
        """world.event_calendar's events of days d0..d1 as (day, second of day, kind, name, region code or -1)."""
        out = [(day_num(t.date()), t.hour * 3600 + t.minute * 60, kind, name, REGIONS.index(rg) if rg else -1)
               for t, kind, name, rg in event_calendar(self.seed, date_of_py(d0), date_of_py(d1))]
        out = [e for e in out if d0 <= e[0] <= d1]
        out.sort(key=lambda e: (e[0], e[1], e[2], e[3]))
        return out

    def gen_registrations(self, events: list[tuple], ev_off: int, reg_off: int, end_ts: str, s: str = "",
                          p_scale: float = 1.0):
        r = self.r
        att_base, att_per, att_cap = EVENT_ATTENDANCE
        vals = ", ".join(f"({ev_off + i + 1}, {d}, {sec}, '{k}', '{n.replace(chr(39), chr(39) * 2)}', {rg})"
                         for i, (d, sec, k, n, rg) in enumerate(events))
        if not vals:
            return
        self.make_event_table(vals)
        # All events in one statement: each contact row unnests the list of events (a join or cross join with
        # the events trips DuckDB 2.0's dictionary-surviving join cache, so the contacts are joined with
        # their accounts into a temp table first, and the events are a constant list).
        kinds = ["webinar", "training", "user_group", "conference"]
        evs = ", ".join(f"{{'eno': {ev_off + i + 1}, 'ed': {ed}, 'esec': {esec}, "
                        f"'base': {EVENT_REGISTRATION_P[kind]}, 'eregion': {eregion}}}"
                        for i, (ed, esec, kind, _, eregion) in enumerate(events))
        evs = f"CAST([{evs}] AS STRUCT(eno INTEGER, ed INTEGER, esec INTEGER, base DOUBLE, eregion INTEGER)[])"
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE reg_ca AS
            SELECT c.cno, c.created_ts, a.idx, a.region, a.arch, a.drift_d, a.since_d, a.last_d, a.churn_d, a.lvl
            FROM {META}.contacts c JOIN {META}.acct a ON a.idx = c.acc_idx""")
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE reg_tmp AS
            WITH ce AS (
                SELECT * EXCLUDE (ev), ev.eno, ev.ed, ev.esec, ev.base, ev.eregion
                FROM (SELECT *, unnest({evs}) AS ev FROM reg_ca)
            ), g AS (
                SELECT *, ed - {r.ri('rgd' + s, 1, 30, 'eno', 'cno')} AS rd
                FROM ce
                WHERE (eregion < 0 OR region = eregion) AND {r.u('rg' + s, 'eno', 'cno')} < base * {1.6 * p_scale}
            ), h AS (
                SELECT *, inten(arch, since_d, last_d, drift_d, churn_d, lvl, rd)
                    * CASE WHEN arch = 2 AND rd >= drift_d THEN 0.3 ELSE 1 END AS li,
                    {r.ts('rd', 'region', 'rgts' + s, 'eno', 'cno')} AS registered_at,
                    make_timestamp((CAST(ed AS BIGINT) * 86400 + esec) * 1000000) AS event_at
                FROM g WHERE rd >= {self.start_d}
            )
            SELECT eno, cno, registered_at, event_at, {r.u('att' + s, 'eno', 'cno')} <
                    CASE WHEN (arch = 2 AND ed >= drift_d) OR ed > last_d OR event_at > {end_ts} THEN 0
                         ELSE least({att_cap!r}, {att_base!r} + {att_per!r} * inten(arch, since_d, last_d, drift_d, churn_d, lvl, ed)) END
                    AS attended
            FROM h
            WHERE {r.u('rg' + s, 'eno', 'cno')} < base * li * {p_scale} AND registered_at >= created_ts
                AND registered_at <= {end_ts}""")
        self.sql("DROP TABLE reg_ca")
        self.insert_ordered("event_registrations", f"""
            SELECT {id_sql('events', 'eno')} AS event_id, ev.ename AS event_name,
                CASE WHEN ev.kind = 'user_group' AND {r.u('usp' + s, 'eno', 'cno')} < 0.01 THEN 'User Group' ELSE ev.kind END
                    AS event_type,
                contact_id, registered_at, attended,
                CASE WHEN attended THEN event_at + to_minutes(CAST({r.ri('atm' + s, 0, 15, 'eno', 'cno')} AS BIGINT)) END
                    AS attended_at, eno
            FROM reg_tmp JOIN ev_tmp ev USING (eno) JOIN {META}.contacts cc USING (cno)""",
            "registered_at, eno, contact_id", reg_off)

    def make_event_table(self, vals: str):
        """Events as a temp table: (eno, ed, esec, kc, kind, ename, eregion); kc is the kind's code."""
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE ev_tmp AS
            SELECT col0 AS eno, col1 AS ed, col2 AS esec, col3 AS kind, col4 AS ename, col5 AS eregion,
                list_position(['webinar', 'training', 'user_group', 'conference'], col3) - 1 AS kc
            FROM (VALUES {vals})""")

    def start_emails(self):
        """Email events are collected in the temp table eml_all by gen_email_campaign, then numbered and
        inserted by insert_emails."""
        self.sql("""CREATE OR REPLACE TEMP TABLE eml_all
            (cmp INTEGER, cno BIGINT, k INTEGER, e VARCHAR, t TIMESTAMP)""")

    def insert_emails(self, off: int) -> int:
        """Insert eml_all into email_events in (campaign, time, contact, kind) order with ids off + 1, off + 2, ...;
        returns the largest id. One statement per campaign: sorting all 10M rows of the large scale at once
        was slower (CPU and memory) than 36 sorts of 300k."""
        for cmp, n in self.con.execute("SELECT cmp, count(*) FROM eml_all GROUP BY cmp ORDER BY cmp").fetchall():
            self.sql(f"""
                INSERT INTO raw_marketing.email_events
                SELECT {fmt_id('email_events', f'{off} + row_number() OVER (ORDER BY t, cno, k)')}, {fmt_id('contacts', 'cno')},
                    '{make_id('campaigns', cmp)}', e, t
                FROM eml_all WHERE cmp = {cmp} ORDER BY t, cno, k""")
            off += n
        self.sql("DROP TABLE eml_all")
        return off

    def gen_email_campaign(self, cno: int, send_d: int, p_send: float, end_ts: str, s: str = "",
                           use_gone: bool = True):
        """The events of campaign `cno` sent on day send_d, into eml_all (contact_id is 'CON-' and the contact
        number, as gen_contacts numbers them)."""
        r = self.r
        gone = "AND (c.gone_cmp IS NULL OR c.gone_cmp >= {cno})".format(cno=cno) if use_gone else ""
        unsub = f"c.gone_cmp = {cno}" if use_gone else f"{r.u('uns' + s, 'c.cno', cno)} < {EMAIL_UNSUBSCRIBE_P!r}"
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE eml_y AS
            WITH x AS (
                SELECT c.cno, c.created_ts, a.last_d,
                    make_timestamp((CAST({send_d} AS BIGINT) * 86400 + 9 * 3600 + CAST({r.h('es' + s, 'c.cno', cno)} % 7260 AS BIGINT)) * 1000000) AS sent,
                    inten(a.arch, a.since_d, a.last_d, a.drift_d, a.churn_d, a.lvl, {send_d}) AS lv,
                    {r.u('eb' + s, 'c.cno', cno)} < {EMAIL_BOUNCE_P!r} AS bounced,
                    {unsub} AS unsub
                FROM {META}.contacts c JOIN {META}.acct a ON a.idx = c.acc_idx
                WHERE {send_d} BETWEEN a.since_d AND a.last_d {gone}
                    AND {r.u('esend' + s, 'c.cno', cno)} < {p_send}
            ), y AS (
                SELECT *, NOT bounced AND {r.u('eo' + s, 'cno', cno)} < least({EMAIL_OPEN[3]!r}, greatest({EMAIL_OPEN[2]!r}, {EMAIL_OPEN[0]!r} + {EMAIL_OPEN[1]!r} * lv)) AS opened,
                    sent + to_minutes(CAST({r.ri('eot' + s, *EMAIL_OPEN_DELAY_MINUTES, 'cno', cno)} AS BIGINT)) AS open_at
                FROM x WHERE sent >= created_ts
            )
            SELECT * FROM y""")
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE eml_tmp AS
            WITH z AS (
                SELECT cno, last_d, 0 AS k, 'sent' AS e, sent AS t FROM eml_y
                UNION ALL
                SELECT cno, last_d, 1, CASE WHEN bounced THEN 'bounce' ELSE 'delivered' END,
                    sent + to_seconds(CAST(CASE WHEN bounced THEN {r.ri('ebt' + s, 2, 50, 'cno', cno)}
                                               ELSE {r.ri('edt' + s, 2, 90, 'cno', cno)} END AS BIGINT))
                FROM eml_y
                UNION ALL
                SELECT cno, last_d, 2, 'open', open_at FROM eml_y WHERE opened
                UNION ALL
                SELECT cno, last_d, 3, 'click', open_at + to_seconds(CAST({r.ri('ect' + s, *EMAIL_CLICK_DELAY_SECONDS, 'cno', cno)} AS BIGINT))
                FROM eml_y WHERE opened AND {r.u('ec' + s, 'cno', cno)} < {EMAIL_CLICK[0]!r} + {EMAIL_CLICK[1]!r} * least(lv, {EMAIL_CLICK[2]!r})
                UNION ALL
                SELECT cno, last_d, 4, 'unsubscribe',
                    greatest(sent + INTERVAL 2 MINUTE, CASE WHEN opened THEN open_at ELSE sent END)
                    + to_seconds(CAST({r.ri('eut' + s, *EMAIL_UNSUBSCRIBE_DELAY_SECONDS, 'cno', cno)} AS BIGINT))
                FROM eml_y WHERE unsub AND NOT bounced
            )
            SELECT * FROM z WHERE t IS NOT NULL AND t <= {end_ts} AND {day_of('t')} <= last_d""")
        self.sql(f"""
            INSERT INTO eml_all
            SELECT {cno}, cno, k, CASE WHEN e = 'open' AND {r.u('osp' + s, 'cno', cno)} < 0.0005 THEN 'Open' ELSE e END, t
            FROM eml_tmp""")

    # ---------------------------------------------------------------- product usage
    def build_feature_lists(self, m0: int, m1: int):
        """Per account and month (months as year*12+month-1): the features the account uses, most preferred
        first, as `nfe` (how many, 0 for none) and `packed` (the feature codes, 4 bits each, the first in the
        lowest bits). A month has the features of the modules added by its 15th."""
        r = self.r
        feats = ", ".join(f"({MODULES.index(m)}, '{f}', {k})" for k, (m, f) in enumerate(FEATURE_LIST))
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE featlist AS
            WITH f AS (SELECT col0 AS m, col1 AS feature, col2 AS fk FROM (VALUES {feats})),
            af AS (          -- per account once: all its features, most preferred first, with their module's day
                SELECT md.idx, list({{'fk': CAST(f.fk AS UBIGINT), 'added_d': md.added_d}}
                                    ORDER BY {r.h('fpref', 'md.idx', 'f.fk')}, f.feature) AS fl
                FROM {META}.modules md JOIN f ON f.m = md.m
                GROUP BY md.idx
            ), a AS (
                SELECT *, (make_date(CAST(mo // 12 AS INTEGER), CAST(mo % 12 + 1 AS INTEGER), 15) - DATE '1970-01-01') AS mid_d
                FROM (SELECT idx, arch, since_d, drift_d, unnest(range({m0}, {m1} + 1)) AS mo FROM {META}.acct)
            ), l AS (
                SELECT a.*, coalesce(list_transform(list_filter(af.fl, lambda x: x.added_d <= a.mid_d), lambda x: x.fk), [])
                    AS fks
                FROM a LEFT JOIN af USING (idx)
            ), k AS (
                SELECT idx, mo, fks, CAST(CASE WHEN len(fks) = 0 THEN 0 ELSE least(len(fks), CASE
                    WHEN arch = 0 THEN len(fks)
                    WHEN arch = 2 AND mid_d >= drift_d THEN {FEATURE_BREADTH_MIN}
                    WHEN arch = 3 THEN {FEATURE_BREADTH_MIN} + greatest(0, (mid_d - since_d) // 30)
                    ELSE greatest({FEATURE_BREADTH_MIN}, round({FEATURE_BREADTH_SHARE!r} * len(fks))) END) END AS BIGINT) AS nfe
                FROM l
            )
            SELECT idx, mo, nfe,
                list_reduce(list_reverse(list_slice(fks, 1, nfe)), lambda acc, x: (acc << 4) | x, CAST(0 AS UBIGINT)) AS packed
            FROM k ORDER BY mo, idx""")

    def gen_usage(self, d0: int, d1: int, off: int, p: float, s: str = "", spell: bool = True):
        """Usage events of epoch days d0..d1 (one statement per calendar month), in day order.

        Hot path: one hash per account-day, per login and per feature use, sliced into several
        20-bit uniforms; rows fan out by unnesting constant lists (see fan_sql); the rows are sorted by
        their number (day, user, sequence) carrying numbers only, and the strings are built after the sort.
        Ids are unique by (day, user, sequence); the next call starts after this block."""
        n_users_total, max_users, n_acc = self.one(f"SELECT sum(n_users), max(n_users), count(*) FROM {META}.acct")
        a = d0
        while a <= d1:
            first = date_of_py(a)
            nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            b = min(d1, day_num(nxt) - 1)
            self.gen_usage_month(a, b, first.year * 12 + first.month - 1, d0, off, n_users_total, max_users, n_acc, p,
                                 s, spell)
            a = b + 1
        return off + (d1 - d0 + 1) * n_users_total * 5

    def gen_usage_month(self, a: int, b: int, mo: int, d0: int, off: int, n_users_total: int, max_users: int,
                        n_acc: int, p: float, s: str, spell: bool):
        """gen_usage for the days a..b of month `mo`, numbered from day d0."""
        sd = self.seed
        b20 = "1048576.0"
        cap = "(hl >> 52) = 0" if spell else "false"
        (uses_base, uses_per, uses_cap), (use_lo, use_hi) = FEATURE_USES, FEATURE_USE_MINUTES
        names = lit([f for _, f in FEATURE_LIST])
        # The month's accounts with their features, then their account-days with logins, materialised: the
        # last statement then scans many row groups in parallel (a scan of the 100k accounts is one thread).
        # (Joining and unnesting in one statement trips DuckDB 2.0's dictionary-surviving join cache.)
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE uacct AS
            SELECT a.idx, a.account_id, a.region, a.n_users, a.user_base, a.arch, a.since_d, a.last_d, a.drift_d,
                a.churn_d, a.lvl, fl.nfe, fl.packed
            FROM {META}.acct a JOIN featlist fl ON fl.idx = a.idx AND fl.mo = {mo}
            WHERE a.since_d <= {b} AND a.last_d >= {a}""")
        self.sql(f"""
            CREATE OR REPLACE TEMP TABLE uday AS
            WITH ad AS (
                SELECT *, inten(arch, since_d, last_d, drift_d, churn_d, lvl, d) AS i, hash({sd}, 'ad{s}', idx, d) AS ha
                FROM (SELECT *, unnest(range(greatest(since_d, {a}), least(last_d, {b}) + 1)) AS d FROM uacct)
            ), cnt AS (      -- logins of the account-day; day of week 0 (Sunday) and 6 are the weekend
                SELECT idx, account_id, region, n_users, user_base, nfe, packed, d, i,
                    CAST(least(n_users, floor(CAST({p!r} AS DOUBLE) * n_users * i
                        * CASE WHEN (d + 4) % 7 IN (0, 6) THEN 0.25 ELSE 1 END
                        * (0.5 + (ha & 1048575) / {b20}) + ((ha >> 20) & 1048575) / {b20})) AS BIGINT) AS n_log,
                    CAST((ha >> 40) % n_users AS BIGINT) AS ustart
                FROM ad
            )
            SELECT * FROM cnt WHERE n_log > 0""")
        self.sql(f"""
            INSERT INTO raw_product.usage_events
            WITH lh AS (       -- the account-day's logins
                SELECT *, hash({sd}, 'lg{s}', user_no, d) AS hl
                FROM (SELECT account_id, region, d, i, nfe, packed, user_base + (ustart + j) % n_users + 1 AS user_no
                      FROM (SELECT *, unnest({fan_sql('n_log', max_users)}) AS j FROM uday))
            ), lt AS (
                SELECT account_id, {fmt_id('users', 'user_no')} AS user_id, user_no, d, nfe, packed, {cap} AS cap,
                    (CAST(d AS BIGINT) * 86400 + {REGION_START_SECONDS}[region + 1] + CAST(hl % 36000 AS BIGINT))
                        * 1000000 AS t_us,
                    CASE WHEN nfe > 0 THEN CAST(least({uses_cap}, floor(({uses_base!r} + {uses_per!r} * i) * 2 * ((hl >> 16) & 1048575) / {b20}
                                                               + ((hl >> 36) & 1048575) / {b20})) AS BIGINT)
                         ELSE 0 END AS nf
                FROM lh
            ), ev AS (       -- each login row fans out into itself (seq 0) and its feature uses (seq 1..nf)
                SELECT account_id, user_id, seq, cap,
                    ((d - {d0}) * {n_users_total} + user_no - 1) * 5 + seq AS n,
                    CASE WHEN seq > 0 THEN CAST((packed >> (4 * (hf % nfe))) & 15 AS BIGINT) END AS fk,
                    t_us + CASE WHEN seq > 0 THEN ({use_lo} + CAST((hf >> 20) % {use_hi - use_lo + 1} AS BIGINT)) * 60000000 ELSE 0 END
                        AS o_us
                FROM (SELECT *, hash({sd}, 'fu{s}', user_no, d, seq - 1) AS hf
                      FROM (SELECT *, unnest({fan_sql('nf + 1', 5)}) AS seq FROM lt))
            ), srt AS (
                SELECT * FROM ev ORDER BY n
            )
            SELECT {fmt_id('usage_events', f'{off} + n + 1')}, account_id, user_id,
                CASE WHEN seq > 0 THEN 'feature_use' WHEN cap THEN 'Login' ELSE 'login' END,
                {names}[fk + 1], make_timestamp(o_us)
            FROM srt""")

    # ---------------------------------------------------------------- defects
    def plant_defects(self, clean: dict[str, int], rate: float = BAD_RATE, tag: str = "bad"):
        """Extra rows with exactly one problem each (the clean rows stay untouched)."""
        r, E = self.r, self.end_d
        far = f"TIMESTAMP '{FUTURE_TS}'"

        def n(table, share=1.0):
            return max(2, round(clean[table] * rate * share))

        slots: dict[str, int] = {}

        def sample(table, salt, k, where="true"):
            """k rows of `table` (as of `clean`), with a column rid. One scan per table: the rows whose rowid hash
            falls in 8 slots of ~4 samples' size land in a temp table; each sample takes the next slot (samples of
            a table are disjoint) and sorts its few thousand candidates. The row order is deterministic, so
            rowids are, and hashing them is much cheaper than hashing 50M string ids."""
            cand = f"cand_{table}"
            width = math.ceil(4.0 * n(table, 2) / max(1, clean[table]) * 1_000_000)
            whole = 8 * width >= 1_000_000          # small tables: every row is a candidate of every sample
            if table not in slots:
                self.sql(f"""CREATE OR REPLACE TEMP TABLE {cand} AS
                    SELECT *, rowid AS rid, hash({self.seed}, '{tag}cand', rowid) % 1000000 AS hb FROM {self.fq(table)}
                    WHERE rowid < {clean[table]} AND {'true' if whole else f"hash({self.seed}, '{tag}cand', rowid) % 1000000 < {8 * width}"}""")
                slots[table] = 0
            i = slots[table]
            slots[table] += 1
            assert i < 8, table
            slot = "true" if whole else f"hb >= {i * width} AND hb < {(i + 1) * width}"
            return (f"(SELECT * EXCLUDE (hb) FROM {cand} WHERE {slot} AND {where} "
                    f"ORDER BY hash({self.seed}, '{tag}{salt}', rid), rid LIMIT {k})")

        def newid(table, salt):
            # each call reserves a block of ids above the table's base
            base = self.base_id(table)
            self.id_base[table] += n(table, 2)
            return id_sql(table, f"{base} + row_number() OVER (ORDER BY hash({self.seed}, '{tag}{salt}', s.rid), s.rid)")

        # 1. exact duplicates
        for t in ("contacts", "cases", "email_events", "usage_events", "activities", "event_registrations", "invitations"):
            self.sql(f"INSERT INTO {self.fq(t)} SELECT * EXCLUDE (rid) FROM {sample(t, 'dup', n(t))}")
        # 2. older versions of accounts (an earlier updated_at, a different name or segment)
        self.sql(f"""INSERT INTO raw_crm.accounts
            SELECT account_id,
                CASE WHEN {r.u(tag + 'ov', 'account_id')} < 0.5 THEN account_name || ' Inc' ELSE account_name END,
                parent_account_id, manager_id, industry, region,
                CASE WHEN {r.u(tag + 'ov', 'account_id')} < 0.5 THEN segment
                     WHEN lower(segment) = 'smb' THEN 'mid_market' WHEN lower(segment) = 'enterprise' THEN 'mid_market'
                     ELSE 'smb' END,
                customer_since, churned_at, annual_contract_value,
                updated_at - to_days(CAST({r.ri(tag + 'ovd', *SUPERSEDED_AGE_DAYS, 'account_id')} AS INTEGER))
            FROM (SELECT *, rowid FROM raw_crm.accounts WHERE rowid < {clean['accounts']}
                  AND customer_since < DATE '1970-01-01' + {E - SUPERSEDED_MIN_TENURE_DAYS}
                  ORDER BY hash({self.seed}, '{tag}ov', account_id) LIMIT {n('accounts', 5)})""")
        # 3. missing required values
        mid = self.max_id("accounts")
        self.sql(f"""INSERT INTO raw_crm.accounts
            SELECT {id_sql('accounts', f'{mid} + row_number() OVER (ORDER BY account_id)')}, NULL, NULL, manager_id, industry,
                region, segment, customer_since, NULL, annual_contract_value, updated_at
            FROM {sample('accounts', 'mra', n('accounts'))} s""")
        self.sql(f"""INSERT INTO raw_support.cases
            SELECT {newid('cases', 'mrc')}, account_id, contact_id, NULL, NULL, 'normal', 'open', 'email',
                'how_to', false, NULL FROM {sample('cases', 'mrc', n('cases'))} s""")
        self.sql(f"""INSERT INTO raw_product.usage_events
            SELECT {newid('usage_events', 'mru')}, account_id, user_id, 'login', NULL, NULL
            FROM {sample('usage_events', 'mru', n('usage_events'))} s""")
        self.sql(f"""INSERT INTO raw_survey.responses
            SELECT {newid('responses', 'mrr')}, survey_id, NULL, contact_id, account_id, responded_at, NULL,
                'No score given.' FROM {sample('responses', 'mrr', n('responses'))} s""")
        self.sql(f"""INSERT INTO raw_crm.activities
            SELECT NULL, account_id, contact_id, 'meeting', occurred_at FROM {sample('activities', 'mrt', n('activities'))}""")
        # 4. unknown enum values
        self.sql(f"""INSERT INTO raw_crm.activities
            SELECT {newid('activities', 'uea')}, account_id, contact_id, '{UNKNOWN_ENUM['activities']}', occurred_at
            FROM {sample('activities', 'uea', n('activities'))} s""")
        self.sql(f"""INSERT INTO raw_marketing.email_events
            SELECT {newid('email_events', 'uee')}, contact_id, campaign_id, '{UNKNOWN_ENUM['email_events']}', occurred_at
            FROM {sample('email_events', 'uee', n('email_events'))} s""")
        self.sql(f"""INSERT INTO raw_crm.opportunities
            SELECT {newid('opportunities', 'ueo')}, account_id, '{UNKNOWN_ENUM['opportunities']}', amount, 'qualification', NULL,
                false, created_at, NULL FROM {sample('opportunities', 'ueo', n('opportunities'))} s""")
        self.sql(f"""INSERT INTO raw_product.usage_events
            SELECT {newid('usage_events', 'ueu')}, account_id, user_id, '{UNKNOWN_ENUM['usage_events']}', NULL, occurred_at
            FROM {sample('usage_events', 'ueu', n('usage_events'))} s""")
        self.sql(f"""INSERT INTO raw_marketing.advocacy
            SELECT {newid('advocacy', 'uev')}, account_id, contact_id, '{UNKNOWN_ENUM['advocacy']}', occurred_at
            FROM {sample('advocacy', 'uev', n('advocacy'))} s""")
        self.sql(f"""INSERT INTO raw_marketing.event_registrations
            SELECT {newid('event_registrations', 'uer')}, event_id, event_name, '{UNKNOWN_ENUM['event_registrations']}', contact_id,
                registered_at, false, NULL
            FROM {sample('event_registrations', 'uer', n('event_registrations'))} s""")
        # 5. scores outside their scale (SRV-003, a CES survey like SRV-005, takes SRV-005's)
        oor_score = ("CASE survey_id " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in OUT_OF_RANGE_SCORE.items()
                                                  if k != "SRV-005") + f" ELSE {OUT_OF_RANGE_SCORE['SRV-005']} END")
        self.sql(f"""INSERT INTO raw_survey.responses
            SELECT {newid('responses', 'oor')}, survey_id, NULL, contact_id, account_id, responded_at,
                {oor_score}, NULL
            FROM {sample('responses', 'oor', n('responses', 2))} s""")
        self.sql(f"""INSERT INTO raw_support.cases
            SELECT {newid('cases', 'ooc')}, account_id, contact_id, opened_at, closed_at, priority, status,
                channel, category, is_escalated, {OUT_OF_RANGE_CSAT}
            FROM {sample('cases', 'ooc', n('cases'), 'closed_at IS NOT NULL')} s""")
        # 6. timestamps in the future (after 2030)
        for t, cols in (("usage_events", "account_id, user_id, 'login', NULL, {ts}"),
                        ("activities", "account_id, contact_id, 'meeting', {ts}"),
                        ("cases", "account_id, contact_id, {ts}, NULL, 'low', 'open', 'chat', 'access', false, NULL"),
                        ("email_events", "contact_id, campaign_id, 'open', {ts}")):
            ts = f"{far} + to_days(CAST({r.ri(tag + 'fut', 0, 300, 's.rid')} AS INTEGER))"
            self.sql(f"INSERT INTO {self.fq(t)} SELECT {newid(t, 'fut')}, {cols.format(ts=ts)} "
                     f"FROM {sample(t, 'fut', n(t))} s")
        # 7. references to ids that do not exist
        ghost_acc = ghost_sql("accounts", f"CAST({r.h(tag + 'gh', 's.rid')} % 50 AS INTEGER) + 1")
        ghost_con = ghost_sql("contacts", f"CAST({r.h(tag + 'gh', 's.rid')} % 50 AS INTEGER) + 1")
        self.sql(f"""INSERT INTO raw_support.cases
            SELECT {newid('cases', 'orc')}, {ghost_acc}, NULL, opened_at, NULL, 'normal', 'open', 'email', 'bug',
                false, NULL FROM {sample('cases', 'orc', n('cases'))} s""")
        self.sql(f"""INSERT INTO raw_product.usage_events
            SELECT {newid('usage_events', 'oru')}, {ghost_acc}, '{ghost_id('users', 1)}', 'login', NULL, occurred_at
            FROM {sample('usage_events', 'oru', n('usage_events'))} s""")
        if clean.get("licenses"):
            self.sql(f"""INSERT INTO raw_crm.licenses
                SELECT {newid('licenses', 'orl')}, {ghost_acc}, product_module, seats, starts_on, ends_on,
                    annual_value FROM {sample('licenses', 'orl', n('licenses'))} s""")
        self.sql(f"""INSERT INTO raw_marketing.email_events
            SELECT {newid('email_events', 'ore')}, {ghost_con}, campaign_id, 'delivered', occurred_at
            FROM {sample('email_events', 'ore', n('email_events'))} s""")
        self.sql(f"""INSERT INTO raw_marketing.event_registrations
            SELECT {newid('event_registrations', 'org')}, event_id, event_name, lower(event_type), {ghost_con},
                registered_at, false, NULL FROM {sample('event_registrations', 'org', n('event_registrations'))} s""")
        self.sql(f"""INSERT INTO raw_survey.responses
            SELECT {newid('responses', 'orr')}, '{GHOST_SURVEY_ID}', NULL, contact_id, account_id, responded_at, 5, NULL
            FROM {sample('responses', 'orr', n('responses'))} s""")
        for t in slots:
            self.sql(f"DROP TABLE cand_{t}")

    # ---------------------------------------------------------------- full build
    def build(self, accounts: int, usage_events: int, window: Window):
        self.setup_params(accounts, usage_events, window)
        self.create_tables()
        self.create_macros()
        E, S0, U0 = self.end_d, self.start_d, self.usage_start_d
        end_ts = f"make_timestamp(CAST({E + 1} AS BIGINT) * 86400000000 - 1000000)"

        self.timed("crm.product_releases", "product_releases", self.gen_releases)
        self.timed("survey.surveys", "surveys", self.gen_surveys)
        self.timed("crm.managers", "managers", self.gen_managers)
        self.timed("crm world (accounts, lifecycle)", None, self.gen_accounts)
        self.timed("usage calibration", None, self.calibrate_usage)
        self.timed("crm.contacts", "contacts", self.gen_contacts)
        self.timed("crm accounts/licenses/opps/deploys/wallet",
                   ("accounts", "licenses", "opportunities", "deployments", "wallet_estimates"), self.gen_commercials)
        self.timed("account-day draws", None, lambda: self.gen_account_days(S0, E))
        self.timed("support.cases", "cases", lambda: self.gen_cases(end_ts, 0))
        self.timed("crm.activities", "activities", lambda: self.gen_activities(0, with_cross_sell=True))
        self.timed("marketing.advocacy", "advocacy", lambda: self.gen_advocacy(0))
        self.timed("survey.invitations", "invitations", lambda: self.gen_surveys_main(0, 0))
        self.stats.append(("survey.responses", self.count("responses"), 0.0))
        self.log(f"  {'survey.responses (with invitations)':<34} {self.count('responses'):>12,} rows")

        events = self.event_calendar(S0, E)
        self.timed("marketing.event_registrations", "event_registrations",
                   lambda: self.gen_registrations(events, 0, 0, end_ts))

        # the big event tables come last; free the memory of the temp tables no longer needed
        for t in ("adt", "aspan", "case_tmp", "act_tmp", "adv_tmp", "inv_tmp", "inv_num", "rsp_tmp", "reg_tmp", "ev_tmp",
                  "opp_raw", "xs_acts", "dep_base"):
            self.sql(f"DROP TABLE IF EXISTS {t}")

        def emails():
            campaigns = campaign_calendar(self.seed, self.window)
            self.start_emails()
            for cno, send in campaigns:
                if S0 <= day_num(send) <= E:
                    self.gen_email_campaign(cno, day_num(send), EMAIL_SEND_P, end_ts)
            self.n_campaigns = len(campaigns)
            self.id_base["email_events"] = self.insert_emails(0)
        self.timed("marketing.email_events", "email_events", emails)

        def usage():
            first = dt.date.fromordinal(EPOCH.toordinal() + U0)
            m0 = first.year * 12 + first.month - 1
            m1 = self.end.year * 12 + self.end.month - 1
            self.build_feature_lists(m0, m1)
            off = 0
            for mo in range(m0, m1 + 1):
                a = max(U0, day_num(dt.date(mo // 12, mo % 12 + 1, 1)))
                nxt = mo + 1
                b = min(E, day_num(dt.date(nxt // 12, nxt % 12 + 1, 1)) - 1)
                off = self.gen_usage(a, b, off, self.p_login)
            self.id_base["usage_events"] = off
        self.timed("product.usage_events", "usage_events", usage)

        clean = {t: self.count(t) for t in COLS}
        self.timed("planted defects (all tables)", "*", lambda: self.plant_defects(clean))
        self.save_params({"p_login": self.p_login, "users_mult": self.users_mult, "n_campaigns": self.n_campaigns,
                          "n_events": len(events)})
        self.save_id_bases()

    # ---------------------------------------------------------------- append mode
    def append(self, n_days: int):
        prm = self.load_params()
        if int(prm["seed"]) != self.seed:
            self.log(f"note: using the warehouse's seed {int(prm['seed'])}")
            self.seed = int(prm["seed"])
            self.r = Rnd(self.seed)
        self.create_macros()
        self.end_d = int(prm["end_d"])
        self.start_d = int(prm["start_d"])
        self.usage_start_d = int(prm["usage_start_d"])
        last = self.one("SELECT max(occurred_at) FROM raw_product.usage_events "
                        "WHERE occurred_at < TIMESTAMP '2030-01-01'")[0]
        last_d = day_num(last.date())
        d0, d1 = last_d + 1, last_d + n_days
        self.log(f"appending {n_days} day(s): {date_of_py(d0)} .. {date_of_py(d1)} (latest day in warehouse {last.date()})")
        end_ts = f"make_timestamp(CAST({d1 + 1} AS BIGINT) * 86400000000 - 1000000)"
        s = f"_a{d0}_{d1}"
        p = prm["p_login"]
        for t in ("usage_events", "email_events"):      # warehouses generated before the id bases were kept: read
            if f"idbase_{t}" in prm:
                self.id_base[t] = int(prm[f"idbase_{t}"])
        mx = {t: self.base_id(t) for t in ("usage_events", "email_events", "cases", "activities", "advocacy",
                                           "invitations", "responses", "event_registrations")}
        clean_before = {t: self.count(t) for t in COLS}

        def usage():
            first = dt.date.fromordinal(EPOCH.toordinal() + d0 - 3)
            lastd = dt.date.fromordinal(EPOCH.toordinal() + d1)
            self.build_feature_lists(first.year * 12 + first.month - 1, lastd.year * 12 + lastd.month - 1)
            off = self.gen_usage(d0, d1, mx["usage_events"], p, s)
            # late-arriving rows: ~0.1% of a day's volume, 1-3 days before the previous latest day
            self.id_base["usage_events"] = self.gen_usage(last_d - 3, last_d - 1, off, p * 0.002 * n_days / 3,
                                                          s + "late", spell=False)
        self.timed("product.usage_events (+late)", "usage_events", usage)

        def emails():
            off = mx["email_events"]
            cno0 = int(self.one("SELECT max(TRY_CAST(split_part(campaign_id, '-', -1) AS BIGINT)) "
                                "FROM raw_marketing.email_events")[0] or 0)
            self.start_emails()
            for k, d in enumerate(range(d0, d1 + 1)):
                self.gen_email_campaign(cno0 + k + 1, d, EMAIL_SEND_P / 30.44, end_ts, s, use_gone=False)
            off = self.insert_emails(off)
            # late-arriving opens of earlier sends (1-3 days before the previous latest day)
            late = self.one(f"""INSERT INTO raw_marketing.email_events
                SELECT {id_sql('email_events', f'{off} + row_number() OVER (ORDER BY occurred_at, email_event_id)')}, contact_id,
                    campaign_id, 'open', occurred_at + INTERVAL 3 HOUR
                FROM raw_marketing.email_events
                WHERE occurred_at >= make_timestamp(CAST({last_d - 3} AS BIGINT) * 86400000000)
                  AND occurred_at < make_timestamp(CAST({last_d - 1} AS BIGINT) * 86400000000)
                  AND event_type = 'delivered' AND contact_id NOT LIKE '{ghost_prefix('contacts')}%'
                  AND {self.r.u('late_open' + s, 'email_event_id')} < 0.01
                ORDER BY occurred_at, email_event_id""")[0]
            self.id_base["email_events"] = off + late
        self.timed("marketing.email_events (+late)", "email_events", emails)

        self.timed("account-day draws", None, lambda: self.gen_account_days(d0, d1, s, 1.0, self.usage_start_d))
        self.timed("support.cases", "cases", lambda: self.gen_cases(end_ts, mx["cases"], s))
        self.timed("crm.activities", "activities", lambda: self.gen_activities(mx["activities"], s))
        self.timed("marketing.advocacy", "advocacy", lambda: self.gen_advocacy(mx["advocacy"], s))

        def surveys():
            # rolling relationship NPS invitations plus the survey after each case closed in the window
            self.sql(f"""
                CREATE OR REPLACE TEMP TABLE inv_tmp AS
                SELECT c.acc_idx AS idx, 'SRV-001' AS survey_id, c.contact_id,
                    {self.r.ts('d', 'a.region', 'rinv' + s, 'c.cno', 'd')} AS sent_at
                FROM (SELECT *, unnest(range({d0}, {d1} + 1)) AS d FROM {META}.contacts) c JOIN {META}.acct a ON a.idx = c.acc_idx
                WHERE d BETWEEN a.since_d + 30 AND a.last_d AND c.created_ts < make_timestamp(CAST(d AS BIGINT) * 86400000000)
                  AND {self.r.u('rinv' + s, 'c.cno', 'd')} < 0.0035
                UNION ALL
                SELECT ct.idx, CASE WHEN {self.r.u('csu' + s, 'ct.idx', 'ct.d')} < 0.5 THEN 'SRV-002' ELSE 'SRV-005' END,
                    ct.contact_id, ct.closed_at + INTERVAL 1 HOUR
                FROM case_tmp ct
                WHERE ct.closed_at IS NOT NULL AND ct.contact_id IS NOT NULL AND ct.closed_at + INTERVAL 1 HOUR <= {end_ts}
                  AND {self.r.u('csu' + s, 'ct.idx', 'ct.d')} < 0.65""")
            self.insert_invitations_and_responses(mx["invitations"], mx["responses"], end_ts, s)
        self.timed("survey.invitations (+responses)", "invitations", surveys)

        def registrations():
            n_ev = self.max_id_events()
            events = []
            for k, d in enumerate(range(d0, d1 + 1)):
                topic = WEBINAR_TOPICS[(d + self.seed) % len(WEBINAR_TOPICS)]
                events.append((d + 14, 15 * 3600, "webinar", f"Webinar: {topic}", -1))
            # registrations for the new webinars happen on the appended days: registered 14 days ahead
            self.gen_registrations_on_days(events, n_ev, mx["event_registrations"], end_ts, s, d0)
        self.timed("marketing.event_registrations", "event_registrations", registrations)

        def defects():
            new_clean = {t: self.count(t) for t in COLS}
            # duplicates of existing rows and unknown enums: a handful per table
            for t in ("usage_events", "email_events", "cases", "activities"):
                k = max(2, round((new_clean[t] - clean_before[t]) * 0.0002))
                self.sql(f"INSERT INTO {self.fq(t)} SELECT * EXCLUDE (rowid) FROM (SELECT *, rowid FROM {self.fq(t)} "
                         f"WHERE rowid >= {clean_before[t]} AND rowid < {new_clean[t]} "
                         f"ORDER BY hash({self.seed}, 'adup{s}', {ID_COL[t]}), rowid LIMIT {k})")
            mu = self.base_id("usage_events")
            self.id_base["usage_events"] += 3
            self.sql(f"""INSERT INTO raw_product.usage_events
                SELECT {id_sql('usage_events', f'{mu} + row_number() OVER (ORDER BY event_id)')}, account_id, user_id,
                    '{UNKNOWN_ENUM['usage_events']}', NULL,
                    occurred_at
                FROM (SELECT * FROM raw_product.usage_events WHERE rowid >= {clean_before['usage_events']}
                      AND rowid < {new_clean['usage_events']}
                      ORDER BY hash({self.seed}, 'aenum{s}', event_id) LIMIT 3)""")
            me = self.base_id("email_events")
            self.id_base["email_events"] += 2
            self.sql(f"""INSERT INTO raw_marketing.email_events
                SELECT {id_sql('email_events', f'{me} + row_number() OVER (ORDER BY email_event_id)')}, contact_id,
                    campaign_id, '{UNKNOWN_ENUM['email_events']}', occurred_at
                FROM (SELECT * FROM raw_marketing.email_events WHERE rowid >= {clean_before['email_events']}
                      AND rowid < {new_clean['email_events']}
                      ORDER BY hash({self.seed}, 'aenum{s}', email_event_id) LIMIT 2)""")
            ma = self.max_id("activities")
            self.sql(f"""INSERT INTO raw_crm.activities
                SELECT {id_sql('activities', f'{ma} + row_number() OVER (ORDER BY activity_id)')}, account_id, contact_id,
                    '{UNKNOWN_ENUM['activities']}', occurred_at
                FROM (SELECT * FROM raw_crm.activities WHERE rowid < {clean_before['activities']}
                      AND activity_id IS NOT NULL AND occurred_at < TIMESTAMP '2030-01-01'
                      ORDER BY hash({self.seed}, 'aenum{s}', activity_id) LIMIT 2)""")
        self.timed("planted defects (append)", "*", defects)
        self.save_id_bases()

    def max_id_events(self) -> int:
        return int(self.one("SELECT max(TRY_CAST(split_part(event_id, '-', -1) AS BIGINT)) "
                            "FROM raw_marketing.event_registrations")[0] or 0)

    def gen_registrations_on_days(self, events, ev_off, reg_off, end_ts, s, d0):
        """Append mode: contacts register on the appended days for webinars 14 days ahead (not yet held)."""
        r = self.r
        p_webinar = repr(EVENT_REGISTRATION_P["webinar"])
        vals = ", ".join(f"({ev_off + i + 1}, {d}, {sec}, '{k}', '{n.replace(chr(39), chr(39) * 2)}', -1)"
                         for i, (d, sec, k, n, _) in enumerate(events))
        self.make_event_table(vals)
        for i, (ed, esec, _, _, _) in enumerate(events):
            eno = ev_off + i + 1
            verb = "CREATE OR REPLACE TEMP TABLE reg_tmp AS" if i == 0 else "INSERT INTO reg_tmp"
            self.sql(f"""
                {verb}
                WITH g AS (
                    SELECT {eno} AS eno, c.cno, c.contact_id, c.created_ts, a.region, {ed} - 14 AS rd,
                        inten(a.arch, a.since_d, a.last_d, a.drift_d, a.churn_d, a.lvl, {ed} - 14) AS li
                    FROM {META}.contacts c JOIN {META}.acct a ON a.idx = c.acc_idx
                    WHERE {r.u('rg' + s, eno, 'c.cno')} < {p_webinar}
                )
                SELECT eno, cno, contact_id, {r.ts('rd', 'region', 'rgts' + s, 'eno', 'cno')} AS registered_at
                FROM g WHERE {r.u('rg' + s, 'eno', 'cno')} < {p_webinar} * li
                    AND {r.ts('rd', 'region', 'rgts' + s, 'eno', 'cno')} >= created_ts""")
        self.insert_ordered("event_registrations", f"""
            SELECT {id_sql('events', 'eno')} AS event_id, ev.ename AS event_name, ev.kind AS event_type, contact_id,
                registered_at, false AS attended, CAST(NULL AS TIMESTAMP) AS attended_at, eno
            FROM reg_tmp JOIN ev_tmp ev USING (eno)""", "registered_at, eno, contact_id", reg_off)

    # ---------------------------------------------------------------- checksums
    def checksums(self) -> dict[str, tuple[int, str]]:
        out = {}
        for s, t, cols in TABLES:
            expr = ", ".join(c for c, _ in cols)
            cnt, h1, h2 = self.one(f"SELECT count(*), sum(hash({expr})::HUGEINT), "
                                   f"sum(hash({expr}, rowid)::HUGEINT) FROM raw_{s}.{t}")
            out[f"{s}.{t}"] = (cnt, f"{(h1 or 0) % (1 << 64):016x}{(h2 or 0) % (1 << 64):016x}")
        return out


def date_of_py(d: int) -> dt.date:
    return dt.date.fromordinal(EPOCH.toordinal() + d)


