"""scripts/generate_data.py, the demo preset: it reproduces the committed demo seeds byte for byte.

The marts, the docs' demo figures and the tests that read the planted-defect manifest and the archetypes
fixture all rest on seeds/demo; regenerating it with the default arguments must change nothing. Also: the
command line refuses options of the other engine instead of ignoring them.
"""
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_DIR / "scripts" / "generate_data.py"
SEEDS = PROJECT_DIR / "seeds" / "demo"
FIXTURES = PROJECT_DIR / "tests" / "fixtures"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=PROJECT_DIR)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    proc = run("--preset", "demo", "--out", str(out / "seeds"), "--manifest", str(out / "defects.csv"),
               "--archetypes", str(out / "archetypes.csv"))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def test_demo_preset_reproduces_the_committed_seeds_byte_for_byte(regenerated):
    committed = sorted(p.relative_to(SEEDS) for p in SEEDS.rglob("*.csv"))
    written = sorted(p.relative_to(regenerated / "seeds") for p in (regenerated / "seeds").rglob("*.csv"))
    assert len(committed) == 17
    assert written == committed
    differ = [str(p) for p in committed if not filecmp.cmp(SEEDS / p, regenerated / "seeds" / p, shallow=False)]
    assert differ == [], f"the demo preset no longer writes the committed seeds: {differ}"


def test_demo_preset_reproduces_the_defect_manifest_and_archetypes(regenerated):
    assert filecmp.cmp(FIXTURES / "demo_planted_defects.csv", regenerated / "defects.csv", shallow=False)
    assert filecmp.cmp(FIXTURES / "demo_account_archetypes.csv", regenerated / "archetypes.csv", shallow=False)


@pytest.mark.parametrize("args, message", [
    (["--preset", "demo", "--warehouse", "x.duckdb"], "--warehouse belong(s) to a scale preset"),
    (["--preset", "demo", "--checksum"], "--checksum belong(s) to a scale preset"),
    (["--preset", "small", "--warehouse", "x.duckdb", "--out", "somewhere"], "--out belong(s) to --preset demo"),
    (["--preset", "medium"], "give --warehouse"),
    (["--accounts", "10"], "--accounts must be at least 30"),
])
def test_options_of_the_other_engine_are_refused(tmp_path, args, message):
    proc = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert not (tmp_path / "x.duckdb").exists()

