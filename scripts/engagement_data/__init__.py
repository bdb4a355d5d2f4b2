"""One data generator for the 17 raw tables of the landing contract, from the demo to the largest scale.

- ``world``: what the made-up world is (contract, vocabulary, archetypes, time window, id formats, defects);
- ``rows``: the row engine, the ``demo`` preset (CSV seeds, defect manifest, archetypes fixture);
- ``sets``: the set engine, the ``small``/``medium``/``large`` presets (straight into DuckDB, appendable);
- ``cli``: the presets and the command line (``scripts/generate_data.py``).
"""
