"""The tests' dbt (dbt_shared_parse.py) leaves only the warehouse's path and DuckDB settings
out of dbt's partial-parse check: two warehouses named alike in different folders compare
equal, a warehouse of another name (another database) does not, and plain dbt still tells
the two folders apart (so the shim, not dbt, is what lets the tests share a parse)."""
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

CONNECTION_INFO = """
import json, sys
if sys.argv[1] == "shared":
    import dbt_shared_parse  # noqa: F401 (patches the credentials' keys)
from dbt.adapters.duckdb.credentials import DuckDBCredentials
def info(path):
    credentials = DuckDBCredentials.from_dict({"path": path, "schema": "main",
                                               "config_options": {"temp_directory": path + ".tmp"}})
    return repr(sorted(credentials.connection_info()))
print(json.dumps([info("/a/warehouse.duckdb"), info("/b/warehouse.duckdb"), info("/a/other.duckdb")]))
"""


def connection_info(mode):
    proc = subprocess.run([sys.executable, "-c", CONNECTION_INFO, mode], cwd=HERE,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_the_shared_parse_ignores_only_where_the_file_is():
    same_name_a, same_name_b, other_name = connection_info("shared")
    assert same_name_a == same_name_b
    assert other_name != same_name_a and "'other'" in other_name  # the database name is still compared


def test_plain_dbt_tells_the_folders_apart():
    same_name_a, same_name_b, _ = connection_info("plain")
    assert same_name_a != same_name_b
