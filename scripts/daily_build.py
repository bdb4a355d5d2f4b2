#!/usr/bin/env python3
"""The daily run: `dbt build`, unless nothing arrived since the last complete build.

  .venv/bin/python scripts/daily_build.py [dbt build arguments...]

It asks dbt first (run-operation raw_inputs_unchanged, macros/staging/raw_fingerprint.sql):
when every raw table, the project's code and the vars are those of the last complete,
successful build, the warehouse already holds what a build would write, and it stops
there. Otherwise it runs `dbt build` with the arguments given (incremental models
then recompute only the lookback window). One Python process and one parse of the
project serve both steps. On engines without a fingerprint (Postgres, Spark) and on
the demo seeds it always builds.
"""
import sys

from dbt.cli.main import dbtRunner


def main(args):
    verdicts = []

    def listen(event):
        if event.info.name == "JinjaLogInfo" and event.data.msg.startswith("RAW_INPUTS_"):
            verdicts.append(event.data.msg)

    parsed = dbtRunner().invoke(["parse", *shared_args(args)])
    if not parsed.success:
        return 1
    runner = dbtRunner(manifest=parsed.result, callbacks=[listen])
    check = runner.invoke(["run-operation", "raw_inputs_unchanged", *shared_args(args)])
    if not check.success:
        return 1
    if verdicts and verdicts[-1].startswith("RAW_INPUTS_UNCHANGED"):
        print(f"daily_build: nothing arrived ({verdicts[-1][len('RAW_INPUTS_'):].lower()}); no build needed")
        return 0
    built = runner.invoke(["build", *args])
    return 0 if built.success else 1


def shared_args(args):
    """The arguments of `args` that run-operation also takes (--vars, --target, --profiles-dir, ...)."""
    keep, skip_next = [], False
    takes_value = {"--vars", "--target", "-t", "--profiles-dir", "--project-dir", "--target-path", "--log-path"}
    for i, arg in enumerate(args):
        if skip_next:
            skip_next = False
            continue
        name = arg.split("=", 1)[0]
        if name in takes_value:
            keep.append(arg)
            if "=" not in arg and i + 1 < len(args):
                keep.append(args[i + 1])
                skip_next = True
    return keep


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
