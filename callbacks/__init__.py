"""Thin wiring: each module has `register(app, warehouse)`; callbacks validate, query, build, return."""
