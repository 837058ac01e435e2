"""The published data bundled with the scorecard: the sources, the script that made the bundle, and its loader."""
