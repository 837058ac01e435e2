"""Page models: the one home of each page. Given a checked state and the read API, a page model returns typed
records (dataclasses) holding every number and sentence the page shows; its layout renders them and its CSV
download writes the same records. No Dash and no SQL here (docs/adr/0006-import-rules.md)."""
