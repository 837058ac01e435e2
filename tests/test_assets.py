"""The plotly.js bundle served from assets/ matches the version the installed plotly package expects."""

import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

BUNDLE = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "plotly-basic.min.js"


def test_the_basic_bundle_is_installed_and_matches_plotly():
    assert BUNDLE.exists(), "run `make install` (npm ci copies plotly.js's basic bundle into assets/vendor)"
    header = BUNDLE.read_text(encoding="utf-8")[:300]
    version = re.search(r"plotly\.js \(basic - minified\) v([\d.]+)", header).group(1)
    assert version == get_plotlyjs_version()
    assert BUNDLE.stat().st_size < 2_000_000
