"""`engagement`: one command for the project's tools (pyproject.toml, [project.scripts]).

    engagement report            # the HTML report from the published marts
    engagement publish           # publish the marts to the read-only copy readers use
    engagement daily             # the daily run: dbt build unless nothing arrived
    engagement suggest-weights   # indicator weights learnt from churn (the `ml` extra)
    engagement generate          # the raw tables of the landing contract, demo to large
    engagement benchmark         # the scale benchmark (benchmarks/RESULTS.md)
    engagement compare A B       # two warehouses, table by table

Everything after the subcommand goes to that tool; `engagement <subcommand> --help` lists
its options. Each tool is imported only when asked for, so the core install runs every
subcommand but those of an extra it lacks (which then names the extra to install).
"""
import importlib
import sys

# subcommand -> (module of engagement_tools, what it does, the extra it needs or None)
COMMANDS = {
    "report": ("report", "write the HTML report from the published marts", None),
    "publish": ("publish", "publish the marts to the read-only copy readers use", None),
    "daily": ("daily_build", "the daily run: dbt build, unless nothing arrived since the last", None),
    "suggest-weights": ("suggest_weights", "suggest indicator weights learnt from churn", "ml"),
    "generate": ("engagement_data.cli", "generate the raw tables of the landing contract", None),
    "benchmark": ("benchmark", "time the build against the reference at a scale", None),
    "compare": ("compare_warehouses", "compare two warehouses table by table", None),
}


def usage():
    width = max(map(len, COMMANDS))
    lines = ["usage: engagement <subcommand> [arguments...]", "", "subcommands:"]
    lines += [f"  {name:<{width}}  {about}" for name, (_, about, _) in COMMANDS.items()]
    lines += ["", "`engagement <subcommand> --help` lists a subcommand's arguments."]
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, args = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"engagement: unknown subcommand {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, _, extra = COMMANDS[name]
    try:
        module = importlib.import_module(f"engagement_tools.{module_name}")
    except ModuleNotFoundError as error:
        if extra and not (error.name or "").startswith("engagement_tools"):
            print(f"engagement {name} needs the `{extra}` extra ({error.name} is not installed): "
                  f"pip install -e '.[{extra}]'", file=sys.stderr)
            return 1
        raise
    if name == "daily" and args[:1] in (["-h"], ["--help"]):
        print(module.__doc__)  # its arguments are dbt build's, which it passes on
        return 0
    # the tool's own argparse names itself after the subcommand in its usage and errors
    sys.argv = [f"engagement {name}", *args]
    if module_name == "benchmark":
        result = module.main()  # reads sys.argv
    else:
        result = module.main(args)
    return result or 0


if __name__ == "__main__":
    sys.exit(main())
