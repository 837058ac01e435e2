"""The published account: each release as a static site of plain HTML pages (no script) rendered from the same page
models as the app (page_models/), for the public, any web server and any CDN (`scorecard publish`, issue 30)."""
