"""The package and its command line (pyproject.toml): `engagement <subcommand>` reaches every
tool, and no module edits sys.path to find another (the package is installed, editable)."""
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engagement_tools import cli

from conftest import PROJECT_DIR

SUBCOMMANDS = ["report", "publish", "daily", "suggest-weights", "generate", "benchmark", "compare"]


def test_the_console_script_lists_every_subcommand():
    listed = subprocess.run([str(Path(sys.executable).with_name("engagement")), "--help"],
                            cwd=PROJECT_DIR, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert set(SUBCOMMANDS) == set(cli.COMMANDS)
    for name in SUBCOMMANDS:
        assert re.search(rf"^  {re.escape(name)}\s", listed.stdout, re.MULTILINE), name


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_reaches_its_tool(name, capsys, monkeypatch):
    """`--help` reaches the tool: its argparse usage, or (daily, whose arguments are dbt's) its docstring."""
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # cli.main names the tool in sys.argv
    try:
        status = cli.main([name, "--help"])
    except SystemExit as stop:  # argparse's --help
        status = stop.code
    out = capsys.readouterr().out
    assert status in (0, None), out[-2000:]
    module = importlib.import_module(f"engagement_tools.{cli.COMMANDS[name][0]}")
    assert "usage:" in out or module.__doc__.splitlines()[0] in out, out[:500]


def test_an_unknown_subcommand_fails_naming_it(capsys):
    assert cli.main(["reprot"]) == 2
    assert "'reprot'" in capsys.readouterr().err


def test_no_module_edits_sys_path():
    edits = [f"{path.relative_to(PROJECT_DIR)}:{number}"
             for folder in ("scripts", "tests", "dashboard", "benchmarks")
             for path in sorted((PROJECT_DIR / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if re.search(r"sys\.path\.(insert|append)|sys\.path\s*=", line) and "re.search" not in line]
    assert edits == [], f"sys.path edits (import through the installed package instead): {edits}"
