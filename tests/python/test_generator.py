"""scripts/generate_data.py, the demo preset: it reproduces the committed demo seeds byte for byte.

The marts, the docs' demo figures and the tests that read the planted-defect manifest and the archetypes
fixture all rest on seeds/demo; regenerating it with the default arguments must change nothing. Also: the
command line refuses options of the other engine instead of ignoring them, and docs/architecture.md's reason
for two engines quotes the generator measurement in benchmarks/RESULTS.md as doc_figures writes it.
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



def test_the_architecture_doc_quotes_the_generator_measurement():
    """docs/architecture.md's reason for two engines is the measurement in benchmarks/RESULTS.md, word for word
    as scripts/doc_figures.py writes it: re-measuring without rewriting the doc fails here."""
    from engagement_tools import doc_figures

    text = (PROJECT_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    passages = [m for m in doc_figures.MARKED.finditer(text) if m["name"] == "generator_engines"]
    assert len(passages) == 1, "docs/architecture.md no longer marks the generator measurement"
    assert doc_figures.stale_passages(passages[0].group(0), None) == [], \
        "run `python scripts/doc_figures.py` after `engagement benchmark --generator`"


def test_the_generator_figures_are_those_the_benchmark_wrote(tmp_path):
    from engagement_tools import benchmark, doc_figures

    def engine(preset, usage, rows, cpu, mib):
        return {"preset": preset, "rows": rows, "by_table": {"usage_events": usage}, "seconds": cpu * 2,
                "cpu_seconds": cpu, "peak_mib": mib}

    results = [{"accounts": 40, "engines": {"row": engine("demo", 9_000, 20_000, 1.0, 50),
                                            "set": engine("small", 9_000, 19_000, 0.5, 70)}},
               {"accounts": 400, "engines": {"row": engine("demo", 80_000, 200_000, 10.0, 400),
                                             "set": engine("small", 80_000, 190_000, 1.0, 90)}}]
    info = {"cores": 2, "memory_gib": 8, "platform": "test", "python": "3"}
    path = tmp_path / "RESULTS.md"
    path.write_text("# Benchmark results\n\n## an older round\n\n| a | b |\n")
    benchmark.write_generator_section(benchmark.generator_section(results, info), path)
    benchmark.write_generator_section(benchmark.generator_section(results[1:], info), path)   # replaced in place
    assert path.read_text().count("<!-- generator-engines -->") == 1
    assert "## an older round" in path.read_text()
    figure = " ".join(doc_figures.generator_engines(None, results=path).split())
    assert "400 accounts (80,000 usage events): the row engine 200,000 rows at 20,000 rows per CPU second" in figure
    assert "40 accounts" not in figure
    # the large preset: its 50M usage events and 100,000 accounts of the other 120,000 rows a 400 accounts
    # (30M), so 80M rows: 4,000 CPU seconds at 20,000 a second, and 400 MiB x 400 = 156 GiB
    assert "about 80M rows" in figure and "about 67 CPU minutes and 156 GiB" in figure
    benchmark.write_report([], info, path, "2026-10-15")   # a scale round rewrites the file but keeps the section
    assert " ".join(doc_figures.generator_engines(None, results=path).split()) == figure
    path.write_text("# Benchmark results\n")
    with pytest.raises(doc_figures.StoryChanged):
        doc_figures.generator_engines(None, results=path)
