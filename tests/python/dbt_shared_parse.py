"""dbt's command line for the tests' DuckDB builds: the same `dbt`, except that the
partial parse it saves does not depend on where the warehouse file is.

dbt reuses a saved parse (target/partial_parse.msgpack) only when the profile's connection
details are unchanged, and for DuckDB those include the file's path and its temp directory.
Every test builds into a warehouse of its own, so every first invocation parsed the whole
project again (about 8 of the 11 CPU seconds of a short one). Neither value enters what dbt
parses: the database name, which does (the file's stem), stays in the comparison, and so do
the vars, the project's files and the env vars each file reads; dbt checks all of them itself
before it reuses a parse. conftest.run_dbt hands each test the parse an earlier test saved.
"""
import sys

from dbt.adapters.duckdb.credentials import DuckDBCredentials
from dbt.cli.main import cli

NOT_PARSED = {"path", "config_options"}
_connection_keys = DuckDBCredentials._connection_keys


def connection_keys_without_the_file(self):
    return tuple(key for key in _connection_keys(self) if key not in NOT_PARSED)


DuckDBCredentials._connection_keys = connection_keys_without_the_file

if __name__ == "__main__":
    sys.exit(cli())
