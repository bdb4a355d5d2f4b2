"""What the connector tests (test_connectors_*.py) do alike: land the demo as a connector lands it, compare the
marts with the contract demo's, and run the adapters' own data tests on a landing.
"""
import io
import json
from contextlib import redirect_stdout

import duckdb

from conftest import BUILD_WITHOUT_TESTS, run_dbt

from engagement_tools.compare_warehouses import main as compare_warehouses

# The connector adapters' data tests (the grain of each adapter, models/staging/connectors/**).
ADAPTER_MODELS = ("path:models/staging/connectors",)


def land_connector(warehouse, write, edit_sql=()):
    """Land a connector's tables in `warehouse`: `write(con)` writes them and returns the variables a build of
    them needs; each statement of `edit_sql` (planted defects) then runs on the landing. Returns the variables
    as JSON, for dbt's --vars."""
    con = duckdb.connect(str(warehouse))
    try:
        build_vars = write(con)
        for statement in edit_sql:
            con.execute(statement)
    finally:
        con.close()
    return json.dumps(build_vars)


def built_landing(tmp_path_factory, name, write, edit_sql=()):
    """The demo landed as a connector lands it (land_connector) in a fresh folder `name`, built as a user builds
    it (without the tests); returns (warehouse, the build's variables as JSON)."""
    warehouse = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
    build_vars = land_connector(warehouse, write, edit_sql)
    run_dbt([*BUILD_WITHOUT_TESTS, "--vars", build_vars], warehouse)
    return warehouse, build_vars


def marts_differing(demo_warehouse, warehouse):
    """How many marts of `warehouse` differ from the contract demo's, and compare_warehouses' report."""
    out = io.StringIO()
    with redirect_stdout(out):
        differing = compare_warehouses([str(demo_warehouse), str(warehouse)])
    return differing, out.getvalue()


def assert_adapter_tests_pass(warehouse, build_vars, at_least, models=ADAPTER_MODELS):
    """Run the data tests of the enabled adapters (`models`: dbt selectors, by default every adapter) on a built
    landing: each passes, and at least `at_least` of them ran (a connector that is not used disables its adapters
    and their tests, so a wrong variable would test nothing)."""
    proc = run_dbt(["test", "--select", *models, "--exclude-resource-type", "unit_test", "--vars", build_vars],
                   warehouse, check=False)
    passed = [line for line in proc.stdout.splitlines() if " PASS " in line]
    assert proc.returncode == 0 and len(passed) >= at_least, proc.stdout[-4000:]
