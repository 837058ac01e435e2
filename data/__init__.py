"""The warehouse: settings, schema, catalogue, reference areas, releases, demo data, queries, CLI."""
