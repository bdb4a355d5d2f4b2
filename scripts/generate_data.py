#!/usr/bin/env python3
"""Generate the 17 raw tables of the landing contract: one generator, presets from the demo to large.

    python scripts/generate_data.py                              # demo: seeds/demo + test fixtures
    python scripts/generate_data.py --accounts 60 --out /tmp/demo \\
        --manifest /tmp/defects.csv --archetypes /tmp/archetypes.csv
    python scripts/generate_data.py --preset small --warehouse /tmp/s.duckdb --checksum
    python scripts/generate_data.py --preset large --warehouse /tmp/l.duckdb
    python scripts/generate_data.py --warehouse /tmp/s.duckdb --append-days 1
    python scripts/generate_data.py --preset small --warehouse /tmp/t.duckdb --accounts 50 --usage-events 20000

Point the dbt project at a scale warehouse's tables with:
    --vars '{crm_schema: raw_crm, support_schema: raw_support, survey_schema: raw_survey,
             marketing_schema: raw_marketing, product_schema: raw_product}'

The package scripts/engagement_data/ holds the world (world.py) and its two engines (rows.py for the demo,
sets.py for the scale presets); see `--help` and docs/architecture.md.
"""

import sys

from engagement_tools.engagement_data.cli import main

if __name__ == "__main__":
    sys.exit(main())
