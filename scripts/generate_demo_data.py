#!/usr/bin/env python3
"""Deprecated: use `python scripts/generate_data.py --preset demo` (same options, same files).

Kept as a thin shim because the demo seeds' YAML descriptions (seeds/demo/*/_*__seeds.yml, shown in the dbt
docs) name this script; it passes its arguments to the one generator unchanged.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engagement_data.cli import main  # noqa: E402

if __name__ == "__main__":
    print("generate_demo_data.py is deprecated: running scripts/generate_data.py --preset demo", file=sys.stderr)
    sys.exit(main(["--preset", "demo", *sys.argv[1:]]))
