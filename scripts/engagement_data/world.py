"""The made-up world both engines generate, defined once.

A B2B software vendor sells product modules to customer accounts (parent/child
hierarchies, three segments, three regions), each account following one behaviour
archetype. This module holds what the row engine (``rows.py``, the demo) and the set
engine (``sets.py``, the scale presets) share: the raw landing contract (tables,
columns, types, keys, required columns, enums, survey scales), the time window, the id
formats, the archetypes and their parameters (shares, lifecycle, intensity and sentiment
curves, the rates of touchpoints, cases, deployments and emails), the vendor's calendars
(releases, events, campaigns), the vocabulary and the catalogue of planted defects. An
engine holds how it draws rows (a Poisson count a month per account in Python, a
Bernoulli draw a day per account in SQL), not what the world is. Changing a value here
changes both engines' output: regenerate the demo seeds (``scripts/generate_data.py``)
and commit them with the change.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# --------------------------------------------------------------------------
# The raw landing contract (shared/raw_contract.md): (source, table, [(column, DuckDB type)]) in order.
# --------------------------------------------------------------------------
V, TS, D, M, I, B = "VARCHAR", "TIMESTAMP", "DATE", "DECIMAL(18,2)", "INTEGER", "BOOLEAN"
TABLES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("crm", "accounts", [("account_id", V), ("account_name", V), ("parent_account_id", V), ("manager_id", V),
                         ("industry", V), ("region", V), ("segment", V), ("customer_since", D),
                         ("churned_at", D), ("annual_contract_value", M), ("updated_at", TS)]),
    ("crm", "managers", [("manager_id", V), ("manager_name", V), ("email", V), ("team", V), ("region", V),
                         ("reports_to_manager_id", V), ("is_active", B)]),
    ("crm", "contacts", [("contact_id", V), ("account_id", V), ("email", V), ("full_name", V), ("job_title", V),
                         ("is_primary", B), ("created_at", TS)]),
    ("crm", "licenses", [("license_id", V), ("account_id", V), ("product_module", V), ("seats", I),
                         ("starts_on", D), ("ends_on", D), ("annual_value", M)]),
    ("crm", "deployments", [("account_id", V), ("product_module", V), ("version", V), ("reported_at", TS)]),
    ("crm", "product_releases", [("product_module", V), ("version", V), ("released_on", D)]),
    ("crm", "opportunities", [("opportunity_id", V), ("account_id", V), ("opportunity_type", V), ("amount", M),
                              ("stage", V), ("is_won", B), ("is_closed", B), ("created_at", TS),
                              ("closed_at", TS)]),
    ("crm", "activities", [("activity_id", V), ("account_id", V), ("contact_id", V), ("activity_type", V),
                           ("occurred_at", TS)]),
    ("crm", "wallet_estimates", [("account_id", V), ("estimated_annual_spend", M), ("estimated_on", D)]),
    ("support", "cases", [("case_id", V), ("account_id", V), ("contact_id", V), ("opened_at", TS),
                          ("closed_at", TS), ("priority", V), ("status", V), ("channel", V), ("category", V),
                          ("is_escalated", B), ("csat_score", I)]),
    ("survey", "surveys", [("survey_id", V), ("survey_type", V), ("survey_name", V)]),
    ("survey", "invitations", [("invitation_id", V), ("survey_id", V), ("contact_id", V), ("account_id", V),
                               ("sent_at", TS)]),
    ("survey", "responses", [("response_id", V), ("survey_id", V), ("invitation_id", V), ("contact_id", V),
                             ("account_id", V), ("responded_at", TS), ("score", I), ("comment", V)]),
    ("marketing", "event_registrations", [("registration_id", V), ("event_id", V), ("event_name", V),
                                          ("event_type", V), ("contact_id", V), ("registered_at", TS),
                                          ("attended", B), ("attended_at", TS)]),
    ("marketing", "email_events", [("email_event_id", V), ("contact_id", V), ("campaign_id", V),
                                   ("event_type", V), ("occurred_at", TS)]),
    ("marketing", "advocacy", [("advocacy_id", V), ("account_id", V), ("contact_id", V), ("advocacy_type", V),
                               ("occurred_at", TS)]),
    ("product", "usage_events", [("event_id", V), ("account_id", V), ("user_id", V), ("event_type", V),
                                 ("feature_name", V), ("occurred_at", TS)]),
]
SOURCES = ["crm", "support", "survey", "marketing", "product"]
SOURCE_OF = {table: source for source, table, _ in TABLES}
COLUMNS_OF = {table: [c for c, _ in cols] for _, table, cols in TABLES}

# Primary key of each table (the demo's defect manifest joins composite keys with "|").
KEYS = {
    "accounts": ["account_id"], "managers": ["manager_id"], "contacts": ["contact_id"],
    "licenses": ["license_id"], "deployments": ["account_id", "product_module", "version"],
    "product_releases": ["product_module", "version"], "opportunities": ["opportunity_id"],
    "activities": ["activity_id"], "wallet_estimates": ["account_id", "estimated_on"],
    "cases": ["case_id"], "surveys": ["survey_id"], "invitations": ["invitation_id"],
    "responses": ["response_id"], "event_registrations": ["registration_id"],
    "email_events": ["email_event_id"], "advocacy": ["advocacy_id"], "usage_events": ["event_id"],
}
# Tables whose key is one generated id column.
ID_COL = {t: k[0] for t, k in KEYS.items() if len(k) == 1 and t not in ("surveys",)}

# Required columns (bold in the contract).
REQUIRED = {
    "accounts": ["account_id", "account_name", "manager_id", "customer_since"],
    "managers": ["manager_id", "manager_name"],
    "contacts": ["contact_id", "account_id"],
    "licenses": ["license_id", "account_id", "product_module", "starts_on"],
    "deployments": ["account_id", "product_module", "version", "reported_at"],
    "product_releases": ["product_module", "version", "released_on"],
    "opportunities": ["opportunity_id", "account_id", "opportunity_type"],
    "activities": ["activity_id", "account_id", "activity_type", "occurred_at"],
    "wallet_estimates": ["account_id", "estimated_annual_spend", "estimated_on"],
    "cases": ["case_id", "account_id", "opened_at"],
    "surveys": ["survey_id", "survey_type"],
    "invitations": ["invitation_id", "survey_id", "contact_id", "sent_at"],
    "responses": ["response_id", "survey_id", "contact_id", "responded_at", "score"],
    "event_registrations": ["registration_id", "event_id", "event_type", "contact_id", "registered_at"],
    "email_events": ["email_event_id", "contact_id", "event_type", "occurred_at"],
    "advocacy": ["advocacy_id", "account_id", "advocacy_type", "occurred_at"],
    "usage_events": ["event_id", "account_id", "event_type", "occurred_at"],
}

# Enumerations of the contract (checked after lowercasing, spaces/hyphens -> "_").
ADVOCACY_TYPES = ["reference_call", "case_study", "review", "referral", "speaker", "advisory_board"]
ADVOCACY_TYPE_WEIGHTS = [35, 10, 25, 15, 8, 7]      # how often each type is drawn
ENUMS = {
    ("accounts", "segment"): ["enterprise", "mid_market", "smb"],
    ("accounts", "region"): ["emea", "amer", "apac"],
    ("opportunities", "opportunity_type"): ["new_business", "renewal", "expansion", "cross_sell"],
    ("activities", "activity_type"): ["meeting", "demo", "trial", "inquiry", "business_review"],
    ("cases", "priority"): ["low", "normal", "high", "urgent"],
    ("cases", "status"): ["open", "pending", "solved", "closed"],
    ("cases", "channel"): ["email", "phone", "portal", "chat"],
    ("surveys", "survey_type"): ["nps", "csat", "ces"],
    ("event_registrations", "event_type"): ["webinar", "conference", "user_group", "training"],
    ("email_events", "event_type"): ["sent", "delivered", "open", "click", "unsubscribe", "bounce"],
    ("advocacy", "advocacy_type"): ADVOCACY_TYPES,
    ("usage_events", "event_type"): ["login", "feature_use"],
}
SURVEY_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
# A score is lo + (hi - lo) * sentiment plus normal noise of this sd, rounded and kept on the scale.
SURVEY_SCORE_SD = {"nps": 0.7, "csat": 0.5, "ces": 0.7}
SURVEYS = [("SRV-001", "nps", "Relationship NPS"), ("SRV-002", "csat", "Support case CSAT"),
           ("SRV-003", "ces", "Onboarding effort (CES)"), ("SRV-004", "nps", "In-app product NPS"),
           ("SRV-005", "ces", "Support effort (CES)")]

# --------------------------------------------------------------------------
# Id formats: entity -> (prefix, digits); 'ACC-00042'. Longer numbers stay whole (printf's %0<n>d).
# --------------------------------------------------------------------------
ID_FORMATS = {
    "accounts": ("ACC", 5), "managers": ("MGR", 3), "contacts": ("CON", 6), "licenses": ("LIC", 6),
    "opportunities": ("OPP", 6), "activities": ("ACT", 6), "cases": ("CASE", 6), "invitations": ("INV", 6),
    "responses": ("RSP", 6), "event_registrations": ("REG", 6), "email_events": ("EML", 7),
    "advocacy": ("ADV", 5), "usage_events": ("USE", 7), "events": ("EVT", 4), "campaigns": ("CMP", 3),
    "users": ("USR", 6), "ghosts": ("GHOST", 2),
}


def make_id(entity: str, n: int) -> str:
    prefix, width = ID_FORMATS[entity]
    return f"{prefix}-{n:0{width}d}"


def ghost_prefix(entity: str) -> str:
    """The start of the ids that exist nowhere (orphan references): 'ACC-GHOST'."""
    return f"{ID_FORMATS[entity][0]}-{ID_FORMATS['ghosts'][0]}"


def ghost_id(entity: str, n: int) -> str:
    """An id that exists nowhere: 'ACC-GHOST-01'."""
    return f"{ghost_prefix(entity)}-{n:0{ID_FORMATS['ghosts'][1]}d}"


# --------------------------------------------------------------------------
# Time window: --years of history ending at --end-date; usage events cover the last two years.
# --------------------------------------------------------------------------
DEFAULT_END_DATE = dt.date(2026, 10, 31)
DEFAULT_YEARS = 3
DEFAULT_SEED = 42
USAGE_YEARS = 2
AI_LAUNCH_DAYS_BEFORE_END = 540       # the ai_assist module ships this many days before the end
MIN_ACCOUNTS, MIN_YEARS = 30, 2


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


@dataclass(frozen=True)
class Window:
    end: dt.date
    years: int

    @property
    def end_ts(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time(23, 59, 59))

    @property
    def start(self) -> dt.date:
        return add_years(self.end, -self.years) + dt.timedelta(days=1)

    @property
    def usage_start(self) -> dt.date:
        return add_years(self.end, -USAGE_YEARS) + dt.timedelta(days=1)

    @property
    def ai_launch(self) -> dt.date:
        return self.end - dt.timedelta(days=AI_LAUNCH_DAYS_BEFORE_END)


def rng_for(seed: int, *parts) -> random.Random:
    """An independent, reproducible random stream (str seeds hash with SHA-512, not hash())."""
    return random.Random("/".join([str(seed)] + [str(p) for p in parts]))


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of each month from first's month to last."""
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


# --------------------------------------------------------------------------
# Calendars of the vendor (the same for every account; both engines use these)
# --------------------------------------------------------------------------
def release_calendar(seed: int, window: Window, until: dt.date) -> dict[str, list[tuple[str, dt.date]]]:
    """Per module, its releases (version, day) up to `until`: every 60-90 days, 5-9 minors per major; the
    first well before the window, ai_assist from its launch."""
    rng = rng_for(seed, "releases")
    releases: dict[str, list[tuple[str, dt.date]]] = {}
    for m in MODULES:
        d = window.ai_launch if m == "ai_assist" else window.start - dt.timedelta(days=rng.randint(380, 460))
        major, minor, cap = MODULE_FIRST_MAJOR[m], 0, rng.randint(5, 9)
        lst = []
        while d <= until:
            lst.append((f"{major}.{minor}", d))
            d += dt.timedelta(days=rng.randint(60, 90))
            minor += 1
            if minor > cap:
                major, minor, cap = major + 1, 0, rng.randint(5, 9)
        releases[m] = lst
    return releases


def event_calendar(seed: int, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, str, str, str | None]]:
    """The marketing events (starts at, event type, name, region or None) of the months first..last: two
    webinars and an admin training a month, a user group per region each quarter, the October conference.
    Unsorted and unfiltered: events of last's month after last are included."""
    rng = rng_for(seed, "events")
    events = []
    for ms in month_starts(first, last):
        for k in range(2):
            d = ms + dt.timedelta(days=rng.randint(1 + 14 * k, 12 + 14 * k))
            topic = WEBINAR_TOPICS[(ms.month * 2 + k + ms.year) % len(WEBINAR_TOPICS)]
            events.append((dt.datetime(d.year, d.month, d.day, 15, 0), "webinar", f"Webinar: {topic}", None))
        d = ms + dt.timedelta(days=rng.randint(5, 20))
        mod = MODULES[(ms.month + ms.year) % 6]
        events.append((dt.datetime(d.year, d.month, d.day, 9, 0), "training", f"Admin training: {mod}", None))
        if ms.month in (2, 5, 8, 11):
            q = (ms.month + 1) // 3
            for region in REGIONS:
                d = ms + dt.timedelta(days=rng.randint(8, 20))
                events.append((dt.datetime(d.year, d.month, d.day, USER_GROUP_HOUR[region], 0), "user_group",
                               f"{region.upper()} user group Q{q} {ms.year}", region))
        if ms.month == 10:
            d = ms + dt.timedelta(days=rng.randint(10, 20))
            events.append((dt.datetime(d.year, d.month, d.day, 8, 30), "conference", f"Engage Summit {ms.year}", None))
    return events


def campaign_calendar(seed: int, window: Window) -> list[tuple[int, dt.date]]:
    """The monthly email campaigns (number from 1, send day) of the window's months; a send day can fall
    outside the window."""
    rng = rng_for(seed, "campaigns")
    return [(n + 1, ms + dt.timedelta(days=rng.randint(2, 24)))
            for n, ms in enumerate(month_starts(window.start, window.end))]


# --------------------------------------------------------------------------
# Archetypes and their parameters (the engines draw from these; codes are list positions)
# --------------------------------------------------------------------------
ARCHETYPES = ["champion", "steady", "drifting", "newly_onboarded", "churned"]
ARCHETYPE_SHARES = {"champion": 0.15, "steady": 0.40, "drifting": 0.20, "newly_onboarded": 0.10, "churned": 0.15}
# Modules licensed at the end (inclusive range) and how many of them were cross-sold later (one drawn).
MODULES_FINAL = {"champion": (4, 7), "steady": (2, 5), "drifting": (1, 4), "newly_onboarded": (1, 3),
                 "churned": (1, 3)}
CROSS_SELLS = {"champion": [1, 2, 2, 3], "steady": [0, 0, 1], "drifting": [0, 0, 1], "newly_onboarded": [0],
               "churned": [0, 0, 0, 1]}
GROWTH_P = {"champion": 0.85, "steady": 0.3, "drifting": 0.25, "newly_onboarded": 0.0, "churned": 0.1}
WALLET_SHARE = {"champion": (0.7, 0.95), "steady": (0.4, 0.75), "drifting": (0.3, 0.6),
                "newly_onboarded": (0.2, 0.5), "churned": (0.2, 0.5)}
ADVOCACY_P = {"champion": 0.4, "steady": 0.05, "drifting": 0.03, "newly_onboarded": 0.02, "churned": 0.01}
RESPONSE_P = {"champion": 0.6, "steady": 0.42, "drifting": 0.38, "newly_onboarded": 0.5, "churned": 0.3}
RESPONSE_P_DRIFTED = 0.3

# Engagement intensity on a day (times the account's own level; 0 when not a customer):
INTENSITY = {"champion": 1.35, "steady": 0.85, "drifting": 1.0, "newly_onboarded": 0.3, "churned": 0.8}
DRIFT_FALL_DAYS, DRIFT_FLOOR = 55.0, 0.08                  # drifting: from its drift start, down to the floor
ONBOARDING_GAIN, ONBOARDING_DAYS = 0.85, 150.0             # newly onboarded: ramps up after customer_since
CHURN_DECLINE_DAYS, CHURN_DROP, CHURN_FLOOR = 200, 0.65, 0.15    # churned: declines over its last days
# Satisfaction in [0, 1] on a day (survey scores, CSAT); steady accounts have their own mood instead.
SENTIMENT = {"champion": 0.94, "drifting": 0.74, "newly_onboarded": 0.84, "churned": 0.66}
DRIFT_SENTIMENT_DROP, DRIFT_SENTIMENT_DAYS = 0.5, 50.0
CHURN_SENTIMENT_LEAD_DAYS, CHURN_SENTIMENT_DROP, CHURN_SENTIMENT_DAYS = 240, 0.42, 180.0

# Lifecycle (days before the end, inclusive ranges): when newly onboarded and other customers started, when
# churned customers left and after how many years, when drifting customers started to drift.
NEWLY_ONBOARDED_DAYS_AGO = (14, 180)
CUSTOMER_DAYS_AGO = (210, 8 * 365)
CHURNED_DAYS_AGO, CHURNED_TENURE_YEARS = (14, 720), (1, 6)
DRIFT_DAYS_AGO = (120, 180)
LEVEL_RANGE = {"champion": (0.95, 1.1), "steady": (0.65, 1.05), "drifting": (0.85, 1.1),
               "newly_onboarded": (0.85, 1.1), "churned": (0.85, 1.1)}      # the account's own activity level
MOOD_RANGE = (0.68, 0.8)                                                # a steady account's satisfaction

# Touchpoints a month: meetings (times the segment's rate and the intensity), inquiries, quarterly business
# reviews (mid-market and enterprise; probability the intensity times a factor, capped).
MEETING_RATE = 0.7
MEETINGS_BY_SEGMENT = {"enterprise": 1.3, "mid_market": 0.8, "smb": 0.5}
INQUIRIES_PER_MONTH = 0.12
BUSINESS_REVIEW_FACTOR, BUSINESS_REVIEW_CAP = 0.75, 0.95
# Support cases a month by segment, times a factor by archetype; higher while onboarding, drifting or churning.
CASES_BY_SEGMENT = {"enterprise": 0.65, "mid_market": 0.36, "smb": 0.2}
CASE_FACTOR = {"champion": 0.8, "steady": 1.0, "drifting": 1.0, "newly_onboarded": 1.0, "churned": 1.2}
CASE_FACTOR_DRIFTED, CASE_FACTOR_ONBOARDING, CASE_FACTOR_CHURNING = 2.0, 1.6, 1.6
CASE_ONBOARDING_DAYS = 90                  # "onboarding": this many days after customer_since
CASE_CHURNING_DAYS = CHURN_DECLINE_DAYS    # "churning": this many days before churned_at
ESCALATION_P = {"champion": 0.02, "steady": 0.05, "drifting": 0.05, "newly_onboarded": 0.05, "churned": 0.05}
ESCALATION_P_DRIFTED, ESCALATION_P_CHURNING = 0.4, 0.3
CASE_PRIORITIES = ["low", "normal", "high", "urgent"]
CASE_PRIORITY_WEIGHTS = {False: [25, 50, 18, 7], True: [5, 30, 40, 25]}      # by is_escalated
CASE_RESOLUTION_HOURS = {"urgent": (2, 48), "high": (4, 120), "normal": (24, 240), "low": (24, 480)}
CASE_CHANNEL_WEIGHTS = {"email": 40, "portal": 30, "phone": 20, "chat": 10}
# Deployments: how many releases behind the first report is (inclusive range); archetypes listed in
# DEPLOY_CHECK_DAYS upgrade to the latest release every so many days, the others install each release soon after
# it ships.
DEPLOY_LAG = {"champion": (0, 0), "steady": (0, 2), "drifting": (0, 1), "newly_onboarded": (0, 0), "churned": (1, 2)}
DEPLOY_CHECK_DAYS = {"steady": (120, 240), "drifting": (90, 150), "churned": (180, 330)}
DEPLOY_FOLLOW_DAYS = (4, 30)
# Email campaigns: the share of contacts sent each campaign, bounces, opens (intercept, slope on the intensity,
# floor, cap), clicks of an open (intercept, slope, intensity cap), unsubscribes.
EMAIL_SEND_P, EMAIL_BOUNCE_P = 0.35, 0.03
EMAIL_OPEN = (0.1, 0.3, 0.05, 0.6)
EMAIL_CLICK = (0.2, 0.15, 1.3)
EMAIL_UNSUBSCRIBE_P = 0.006
# Registrations: the chance a contact registers for an event of each type (times the intensity).
EVENT_REGISTRATION_P = {"webinar": 0.03, "training": 0.015, "user_group": 0.06, "conference": 0.08}


# The team and the account book (both engines: rows.build_managers/build_accounts, sets.gen_managers/gen_accounts).
ACCOUNTS_PER_MANAGER, MIN_MANAGERS = 12, 10
STRATEGIC_TEAM_MIN_MANAGERS = 16     # from this many managers on, a strategic team owns the enterprise accounts
# The segment of a hierarchy's root (weights in SEGMENTS order: hierarchies lean large), and how many segments
# a child steps down from its parent's (0, 1, 2).
ROOT_SEGMENT_WEIGHTS = [45, 45, 10]
CHILD_SEGMENT_STEP_WEIGHTS = [30, 50, 20]
# The chance a child keeps its parent's region, industry and account manager.
PARENT_REGION_KEEP_P, PARENT_INDUSTRY_KEEP_P, PARENT_MANAGER_KEEP_P = 0.6, 0.8, 0.75
# Wallet estimates: sometimes below what the customer already pays (a share of wallet above 1), and the
# spread of each estimate around ACV / share.
WALLET_BELOW_SPEND_P, WALLET_BELOW_SPEND_SHARE, WALLET_SPEND_SPREAD = 0.04, (1.05, 1.2), (0.95, 1.05)
# Cases: the chance a closed case is rated (CSAT), and the sd of the rating's noise.
CASE_RATED_P, CASE_CSAT_SD = 0.55, 0.6
# Surveys: the chance an invitation and a response carry the account id, a response a comment; a comment is
# "high" from this share of the scale on, "mid" from the next (else "low").
INVITATION_ACCOUNT_P, RESPONSE_ACCOUNT_P, RESPONSE_COMMENT_P = 0.85, 0.8, 0.3
COMMENT_HIGH_FROM, COMMENT_MID_FROM = 0.85, 0.6
# Events: the chance a registrant attends is base + per_intensity * intensity, at most cap.
EVENT_ATTENDANCE = (0.35, 0.3, 0.85)     # base, per_intensity, cap
# Emails: an open follows its send by these minutes, an unsubscribe its last event by these seconds.
EMAIL_OPEN_DELAY_MINUTES, EMAIL_UNSUBSCRIBE_DELAY_SECONDS = (5, 4000), (10, 600)
# Accounts' updated_at: within this many days of the end (or of the churn date).
ACCOUNT_UPDATED_WITHIN_DAYS = 180
# Contacts: the primary contact is created within these days of the customer's start, an early contact
# (half of the others, all of a newly onboarded account's) within the next range; the rest any time.
PRIMARY_CONTACT_DAYS, EARLY_CONTACT_DAYS, EARLY_CONTACT_P = (0, 10), (0, 45), 0.5
# Commercial history. Opportunities: (created, closed) days before the date they lead to: the customer's start
# (new_business), a term's start (renewal, expansion, both won), a module's addition (cross_sell, won), the
# churn date (the lost renewal); an open renewal is created before the next term's start.
OPPORTUNITY_DAYS = {"new_business": ((30, 120), (1, 12)), "renewal": ((75, 100), (1, 20)),
                    "expansion": ((40, 80), (1, 15)), "cross_sell": ((45, 100), (1, 10)),
                    "lost_renewal": ((80, 100), (1, 14)), "open_renewal": ((80, 100), None)}
# A won cross-sell has a demo and a trial these days after the opportunity is created.
CROSS_SELL_DEMO_DAYS, CROSS_SELL_TRIAL_DAYS = (5, 20), (21, 40)
# A lost cross-sell (steady and drifting accounts): chance, share of the contract value, closed days after.
LOST_CROSS_SELL_P, LOST_CROSS_SELL_SHARE, LOST_CROSS_SELL_CLOSE_DAYS = 0.3, (0.1, 0.25), (30, 60)
# An open expansion (champions): chance, share of the contract value, created days before the end.
OPEN_EXPANSION_P, OPEN_EXPANSION_SHARE, OPEN_EXPANSION_DAYS = 0.4, (0.1, 0.3), (5, 60)
# An add-on module's weight in the contract value (core: 1) and its seats as a share of the core's.
ADDON_VALUE_WEIGHT, ADDON_SEATS_SHARE = (0.15, 0.45), (0.2, 0.9)
# Growth at a renewal (when GROWTH_P draws one): the contract grows by this rate.
GROWTH_RATE = (0.08, 0.3)
# A module's first deployment report: these days after it is licensed (or the window starts).
DEPLOY_FIRST_DAYS = (0, 14)
# Who a touchpoint names: a contact of the account that existed then, with this chance (else none).
TOUCHPOINT_CONTACT_P = {"cases": 0.9, "activities": 0.85, "advocacy": 0.85}
# A rated case's CSAT follows the sentiment less this when the case was escalated.
CASE_CSAT_ESCALATION_PENALTY = 0.25
# A click follows its open by these seconds.
EMAIL_CLICK_DELAY_SECONDS = (5, 300)
# Usage: the features an account uses are its preferred licensed ones, this share of them and at least the
# minimum (a champion all, a drifting account the minimum once it drifts, a newly onboarded one the minimum
# plus one a month); a login brings feature uses, on average base + per_intensity * intensity, at most cap,
# each these minutes after the login.
FEATURE_BREADTH_SHARE, FEATURE_BREADTH_MIN = 0.6, 2
FEATURE_USES = (0.5, 0.6, 4)     # base, per_intensity, cap
FEATURE_USE_MINUTES = (1, 59)

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------
SEGMENTS = ["enterprise", "mid_market", "smb"]
SEGMENT_SHARES = [("enterprise", 0.20), ("mid_market", 0.35), ("smb", 0.45)]
ACV_RANGE = {"smb": (5_000, 30_000), "mid_market": (30_000, 150_000), "enterprise": (150_000, 1_500_000)}
CORE_SEATS = {"smb": (8, 40), "mid_market": (40, 200), "enterprise": (200, 1500)}
CONTACTS_PER_ACCOUNT = {"smb": (3, 5), "mid_market": (4, 8), "enterprise": (7, 12)}
USERS_PER_ACCOUNT = {"smb": (2, 4), "mid_market": (4, 7), "enterprise": (7, 13)}
REGIONS = ["emea", "amer", "apac"]
REGION_WEIGHTS = [0.4, 0.4, 0.2]
# UTC working hours of each region (latest start hour keeps +59 minutes on the same day).
REGION_HOURS = {"emea": (7, 16), "amer": (13, 22), "apac": (0, 9)}
USER_GROUP_HOUR = {"emea": 9, "amer": 16, "apac": 2}
INDUSTRIES = ["software", "financial_services", "healthcare", "manufacturing", "retail", "logistics",
              "education", "public_sector", "telecommunications", "energy"]

MODULES = ["core", "analytics", "automation", "integrations", "mobile", "security", "ai_assist"]
MODULE_FIRST_MAJOR = {"core": 5, "analytics": 3, "automation": 2, "integrations": 4, "mobile": 2,
                      "security": 1, "ai_assist": 1}
FEATURES = {
    "core": ["dashboard_view", "record_edit", "global_search"],
    "analytics": ["report_builder", "custom_dashboard", "data_export"],
    "automation": ["workflow_builder", "scheduled_job"],
    "integrations": ["api_connector", "webhook_setup"],
    "mobile": ["mobile_sync"],
    "security": ["sso_config", "audit_log"],
    "ai_assist": ["ai_summary", "ai_recommendation"],
}

NAME_PREFIXES = [
    "Northwind", "Bluewater", "Ironbridge", "Silverline", "Redwood", "Brightpath", "Clearview", "Stonegate",
    "Evergreen", "Highland", "Lakeshore", "Summit", "Crescent", "Pinnacle", "Harbor", "Meridian", "Falcon",
    "Granite", "Horizon", "Keystone", "Lighthouse", "Maple", "Oakridge", "Pioneer", "Quantum", "Riverbend",
    "Sterling", "Trailhead", "Union", "Vantage", "Westfield", "Zenith", "Aurora", "Beacon", "Cobalt",
    "Delta", "Ember", "Fjord", "Glacier", "Helix", "Indigo", "Juniper", "Kestrel", "Lumen", "Mosaic",
    "Nimbus", "Orion", "Polaris", "Quarry", "Sable", "Tidewater", "Umber", "Vertex", "Willow", "Yarrow",
    "Atlas", "Boreal", "Cedar", "Dune", "Everest",
]
NAME_SUFFIXES = [
    "Holdings", "Group", "Systems", "Logistics", "Labs", "Industries", "Partners", "Health", "Capital",
    "Retail", "Energy", "Foods", "Networks", "Analytics", "Manufacturing", "Insurance", "Media",
    "Pharma", "Telecom", "Mobility", "Software", "Bank", "Foundation", "Utilities", "Academy",
]
UNIT_NAMES = [
    "Germany", "France", "UK", "Japan", "Brazil", "Canada", "Nordics", "Iberia", "Benelux", "India",
    "Australia", "Singapore", "Mexico", "Italy", "Poland", "Retail Division", "Services", "Digital",
    "Manufacturing Unit", "Research", "East", "West", "Shared Services", "Consumer", "Wholesale",
]
FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Liam",
    "Maria", "Nikolai", "Olivia", "Pedro", "Qin", "Rosa", "Samir", "Tara", "Uma", "Victor", "Wen",
    "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Dmitri", "Emma", "Felix", "Giulia", "Hannah",
    "Ivan", "Julia", "Kenji", "Lena", "Marco", "Nora", "Oscar", "Priya", "Rafael", "Sofia", "Tomas",
    "Valentina", "William", "Yara", "Amir", "Beatriz", "Chen", "Daniel", "Eva", "Fatima", "Gabriel",
]
LAST_NAMES = [
    "Andersen", "Baker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ito", "Jensen",
    "Kowalski", "Lopez", "Muller", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka",
    "Usman", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang", "Alvarez", "Brown", "Chandra", "Dimitriou",
    "Evans", "Ferreira", "Gupta", "Hansen", "Ivanova", "Jovanovic", "Kim", "Larsen", "Moreau", "Novak",
    "Olsen", "Patel", "Ramos", "Silva", "Torres", "Ueda", "Vogel", "Walsh", "Young", "Zimmermann",
]
JOB_TITLES_PRIMARY = ["VP Operations", "Head of IT", "Director of Customer Operations", "CIO",
                      "Head of Analytics", "COO", "Director of Digital"]
JOB_TITLES = ["IT Manager", "System Administrator", "Business Analyst", "Operations Manager",
              "Data Analyst", "Procurement Manager", "Team Lead", "Project Manager", "Developer",
              "Finance Controller", "Support Lead", "Product Owner"]
MANAGER_TEAMS = [("EMEA Customer Success", "emea"), ("AMER Customer Success", "amer"),
                 ("APAC Customer Success", "apac")]
STRATEGIC_TEAM = ("Strategic Accounts", "amer")     # from STRATEGIC_TEAM_MIN_MANAGERS on; owns the enterprise accounts
LEADERSHIP_TEAM = "Customer Success Leadership"
CASE_CATEGORIES = ["bug", "how_to", "billing", "performance", "integration", "access", "feature_request"]
WEBINAR_TOPICS = ["What's new this quarter", "Reporting best practices", "Automating approvals",
                  "Securing your workspace", "Integrations deep dive", "Mobile rollout playbook",
                  "AI assist in practice", "Admin office hours", "Dashboards that drive action",
                  "Scaling to enterprise"]
COMMENTS = {
    "high": ["Great product and a very responsive team.", "We rely on it every day.",
             "The latest release made a real difference.", "Our account manager is excellent."],
    "mid": ["Works well, some features are hard to find.", "Good overall, reporting could be faster.",
            "Support was helpful but slow.", "Fine for our needs."],
    "low": ["Too many bugs since the last upgrade.", "Support takes far too long to respond.",
            "We are evaluating alternatives.", "Pricing no longer matches the value we get."],
}

# --------------------------------------------------------------------------
# Planted defects: each an extra row with exactly one problem, under the reason code staging gives it
# --------------------------------------------------------------------------
DEFECT_REASONS = ["duplicate_row", "superseded_by_later_update", "missing_required", "unknown_enum",
                  "out_of_range", "future_timestamp", "orphan_reference"]
# Values outside each enumeration (unknown_enum).
UNKNOWN_ENUM = {"activities": "lunch", "email_events": "forwarded", "opportunities": "upsell_maybe",
                "usage_events": "api_call", "advocacy": "tweet", "event_registrations": "hackathon"}
# A score outside each survey's scale (out_of_range), and a case CSAT outside 1-5.
OUT_OF_RANGE_SCORE = {"SRV-001": 11, "SRV-002": 0, "SRV-005": 9, "SRV-004": -1}
OUT_OF_RANGE_CSAT = 7
# superseded_by_later_update: an older version of an account customer for at least this many days, dated
# back by this many days.
SUPERSEDED_MIN_TENURE_DAYS, SUPERSEDED_AGE_DAYS = 600, (60, 360)
# future_timestamp: from here on (well after any --end-date the presets use).
FUTURE_TS = dt.datetime(2031, 3, 14, 10, 30, 0)
GHOST_SURVEY_ID = "SRV-GHOST"


# --------------------------------------------------------------------------
# The planted churn truth of the planted_churn preset (truth.py): churn that support friction and usage
# decline drive and survey answers do not, unlike the registry's expectations.
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class PlantedChurn:
    churn_months: int         # month ends (before the end of the window) at which churn is drawn
    intercept: float          # monthly log-odds of churn of an account with no escalation and no login
    escalation_coef: float    # per ln(1 + escalated cases opened in the last 90 days)
    login_coef: float         # per ln(1 + logins per licensed seat in the last 30 days / login_scale), lowering it
    login_scale: float        # a typical month's logins per seat of the scale presets
    frailty_sd: float         # sd of an unobserved per account-month term of the log-odds (noise)


PLANTED_CHURN = PlantedChurn(churn_months=14, intercept=-2.3, escalation_coef=1.6, login_coef=1.6,
                             login_scale=0.05, frailty_sd=0.5)
