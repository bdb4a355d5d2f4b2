#!/usr/bin/env python3
"""Deprecated: use `python scripts/generate_data.py --preset small|medium|large --warehouse ...`.

A thin shim for scripts and branches written against the old command: `--scale X` becomes `--preset X`
(default small); every other option is passed to the one generator unchanged. The output is the same.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engagement_data.cli import main  # noqa: E402


def translate(argv: list[str]) -> list[str]:
    out, scale = [], "small"
    it = iter(argv)
    for a in it:
        if a == "--scale":
            scale = next(it, "small")
        elif a.startswith("--scale="):
            scale = a.split("=", 1)[1]
        else:
            out.append(a)
    return ["--preset", scale, *out]


if __name__ == "__main__":
    print("generate_scale_data.py is deprecated: running scripts/generate_data.py --preset <scale>", file=sys.stderr)
    sys.exit(main(translate(sys.argv[1:])))
