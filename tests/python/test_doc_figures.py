"""The demo figures the README and docs quote equal a fresh demo build.

The docs mark each figure they quote (`<!-- figures:NAME -->...<!-- /figures:NAME -->`);
scripts/doc_figures.py writes them from the warehouse and `--check` compares. These tests run the
check against the session's demo build, and read the worked example (docs/scoring.md) back from the
doc and compare it with the warehouse directly, without the script."""
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import PROJECT_DIR

from engagement_tools import doc_figures

SCORING = PROJECT_DIR / "docs" / "scoring.md"


@pytest.fixture(scope="module")
def con(demo_warehouse):
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


def test_every_figure_the_docs_quote_equals_the_build(con):
    cache, stale = {}, []
    for path in doc_figures.doc_files():
        for name, diff in doc_figures.stale_passages(path.read_text(encoding="utf-8"), con, cache):
            stale.append(f"{path.relative_to(PROJECT_DIR)}: {name}\n{diff}")
    assert not stale, ("figures that differ from the demo build (build it, then run "
                       "`python scripts/doc_figures.py`):\n" + "\n".join(stale))


def test_the_docs_mark_what_they_quote():
    """Every figure the script knows is quoted somewhere, and no doc names an unknown one, so
    deleting a marker (and with it the check) shows here."""
    marked = {}
    for path in doc_figures.doc_files():
        for match in doc_figures.MARKED.finditer(path.read_text(encoding="utf-8")):
            marked.setdefault(match["name"], set()).add(path.relative_to(PROJECT_DIR).as_posix())
    assert set(marked) == set(doc_figures.FIGURES)
    assert "docs/scoring.md" in marked["worked_example"]
    assert {"README.md"} <= marked["who_to_call"] & marked["book_today"]
    assert "docs/does_it_work.md" in marked["demo_backtest"]


def test_a_stale_figure_is_found_and_rewritten(con):
    text = SCORING.read_text(encoding="utf-8")
    contributions = re.search(r"contributions add up to the\s+score, ([\d.]+)\.", text)
    assert contributions, "the worked example no longer states its sum of contributions"
    wrong = f"{float(contributions.group(1)) + 2.84:.2f}"  # a sum the build does not give
    stale = text.replace(contributions.group(0), contributions.group(0).replace(contributions.group(1), wrong))
    assert stale != text
    assert [name for name, _ in doc_figures.stale_passages(stale, con)] == ["worked_example"]
    assert doc_figures.rewrite(stale, con) == text


def test_the_check_command_passes_on_the_build_and_fails_on_another(demo_warehouse, tmp_path):
    ok = subprocess.run([sys.executable, "scripts/doc_figures.py", "--check", "--warehouse", str(demo_warehouse)],
                        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    other = tmp_path / "other.duckdb"
    shutil.copyfile(demo_warehouse, other)
    with duckdb.connect(str(other)) as edited:
        edited.execute("update main_marts.dim_customer_engagement set engagement_score = engagement_score - 1")
    stale = subprocess.run([sys.executable, "scripts/doc_figures.py", "--check", "--warehouse", str(other)],
                           cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)
    assert stale.returncode == 1 and "who_to_call" in stale.stdout


def worked_example():
    text = SCORING.read_text(encoding="utf-8")
    block = re.search(r"<!-- figures:worked_example -->(.*?)<!-- /figures:worked_example -->", text, re.S)
    assert block, "docs/scoring.md has no worked example"
    return block.group(1)


def table_rows(block, first_cell):
    return [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in block.splitlines() if line.startswith(f"| {first_cell}")]


def test_the_worked_example_reads_like_the_warehouse(con):
    """Read back from the doc, not through the script: the score history, the indicator rows,
    coverage, the element scores and the churn risk of the worked example's customer."""
    block = worked_example()
    account = re.search(r"\((ACC-\d+)\)", block).group(1)
    history = con.execute(
        "select strftime(as_of_date, '%m-%d'), engagement_score from main_marts.fct_customer_engagement"
        " where account_id = ? order by as_of_date desc limit 7", [account]).fetchall()[::-1]
    header = table_rows(block, "as of")[0][1:]
    scores = [float(v) for v in table_rows(block, "score")[0][1:]]
    assert header == [d for d, _ in history]
    assert scores == [round(s, 1) for _, s in history]

    indicators = {r[0]: r[1:] for r in con.execute(
        "select indicator, indicator_score, effective_weight, contribution_points, points_left_on_table, is_excluded"
        " from main_marts.fct_customer_indicator_scores where account_id = ? and is_current", [account]).fetchall()}
    quoted = [row for row in (table_rows(block, name)[0] for name in doc_figures.WORKED_EXAMPLE_INDICATORS)]
    assert len(quoted) == len(doc_figures.WORKED_EXAMPLE_INDICATORS)
    for name, _raw, _norm, score, weight, contribution, left in quoted:
        indicator_score, effective_weight, points, left_on_table, excluded = indicators[name]
        if excluded:
            assert score == "excluded" and float(weight) == 0, name
            continue
        assert float(score) == pytest.approx(indicator_score, abs=0.05), name
        assert float(weight) == pytest.approx(effective_weight, abs=5e-5), name
        assert float(contribution) == pytest.approx(points, abs=0.005), name
        assert float(left) == pytest.approx(left_on_table, abs=0.005), name

    coverage, score, churn_risk, *elements = con.execute(
        "select coverage_pct, engagement_score, churn_risk_pct, product_usage_score, sentiment_score,"
        " involvement_score, competitive_status_score"
        " from main_marts.dim_customer_engagement where account_id = ?", [account]).fetchone()
    assert float(re.search(r"`coverage_pct` is ([\d.]+)", block).group(1)) == pytest.approx(coverage, abs=0.05)
    assert float(re.search(r"score, ([\d.]+)\.", block).group(1)) == pytest.approx(score, abs=0.005)
    assert float(re.search(r"`churn_risk_pct` is ([\d.]+)", block).group(1)) == pytest.approx(churn_risk, abs=0.05)
    element_row = [float(v) for v in re.search(r"\| product usage [^\n]+\n[^\n]+\n\|([^\n]+)\|", block).group(1).split("|")]
    assert element_row == pytest.approx(elements, abs=0.05)


def anchors(path):
    """The #anchors GitHub gives a markdown file's headings."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def test_every_link_between_the_docs_resolves():
    """A link from the README or a doc to a file of the repository points to a file that exists,
    and an #anchor to a heading it has (the README's sections moved to docs/: a stale link shows here)."""
    broken = []
    for path in [*doc_files_with_links()]:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                broken.append(f"{path.relative_to(PROJECT_DIR)}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                broken.append(f"{path.relative_to(PROJECT_DIR)}: {target} (no such heading)")
    assert not broken, "\n".join(broken)


def doc_files_with_links():
    return [*doc_figures.doc_files(), PROJECT_DIR / "CHANGELOG.md", PROJECT_DIR / "ROADMAP.md",
            PROJECT_DIR / "benchmarks" / "RESULTS.md"]
