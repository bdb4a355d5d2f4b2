"""engagement_tools: the project's Python tools, installed as one package from this folder
(pyproject.toml maps the package onto scripts/), with one command line: `engagement`
(cli.py). The benchmark's reference lives apart, in benchmarks/ (run_reference.py), which
`engagement benchmark` runs as a script."""
