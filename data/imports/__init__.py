"""Importers: the official ASCOF open-data CSV and the scorecard's own long template.

Every importer reads the whole file, collects every problem at once, and writes nothing unless there
are none; then the release lands in one transaction (observations, supersession, ratings).
"""
