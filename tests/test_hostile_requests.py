"""Hostile requests get 4xx (or a friendly page), never a 500 or a traceback: malformed callback bodies, callbacks
given the wrong types or forged browser state, odd URLs. Built from the cases of the hostile-input review."""

import json
import logging

import pytest

from app import create_app
from data.settings import Settings

ROUTER = ("..page-content.children...domain-nav.children...page-title.data...pin-bar.children..."
          "slide-as-at.children...plain-link.href...page-for.data..")
OVERVIEW_SYNC = "..overview-url.search...overview-period.value...overview-benchmark.value...overview-state.data.."
PICKER = "url.href"
DEEP = "(a value nested 1,000 lists deep)"


@pytest.fixture(scope="module")
def app(published_engine):
    return create_app(Settings(database_url=str(published_engine.url)))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def body(app, output: str, inputs: list, state: list | None = None, changed: list[str] | None = None) -> dict:
    """A well-formed request for one of the app's callbacks, with the given values."""
    spec = app.callback_map[output]
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    described = [{"id": o.component_id, "property": o.component_property.split("@")[0]} for o in outputs]
    return {"output": output, "outputs": described if isinstance(spec["output"], list) else described[0],
            "inputs": [{**dep, "value": v} for dep, v in zip(spec["inputs"], inputs, strict=True)],
            "state": [{**dep, "value": v} for dep, v in zip(spec["state"], state or [None] * len(spec["state"]),
                                                             strict=True)],
            "changedPropIds": changed or [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"]}


def key(app, starts: str) -> str:
    return next(k for k in app.callback_map if k.startswith(starts) and "callback" in app.callback_map[k])


def malformed_bodies(app) -> list[tuple[str, object]]:
    """Bodies Dash itself used to answer with 500: each must now be 400."""
    good = body(app, ROUTER, ["/", "", "wide"])
    cases = [("a list", []), ("a string", "x"), ("a number", 5), ("null", None), ("true", True),
             ("no output", {k: v for k, v in good.items() if k != "output"}),
             ("no inputs", {k: v for k, v in good.items() if k != "inputs"}),
             ("no outputs", {k: v for k, v in good.items() if k != "outputs"}),
             ("output a number", {**good, "output": 5}), ("an unknown output", {**good, "output": "nope.children"}),
             ("a browser-only callback", {**good, "output": "viewport.data"}),
             ("inputs an object", {**good, "inputs": {}}), ("inputs a string", {**good, "inputs": "x"}),
             ("too few inputs", {**good, "inputs": good["inputs"][:1]}),
             ("too many inputs", {**good, "inputs": good["inputs"] * 2}),
             ("an input of another component", {**good, "inputs": [{"id": "x", "property": "y", "value": 1}] * 3}),
             ("an input that is a list", {**good, "inputs": [[1], [2], [3]]}),
             ("outputs a string", {**good, "outputs": "x"}), ("outputs too few", {**good, "outputs": []}),
             ("changedPropIds an object", {**good, "changedPropIds": {"a": 1}}),
             ("changedPropIds numbers", {**good, "changedPropIds": [1, 2]}),
             ("a value nested 1,000 deep", {**good, "inputs": [{**good["inputs"][0], "value": DEEP},
                                                                *good["inputs"][1:]]})]
    with_state = body(app, PICKER, [1], ["E08000009", ""])
    cases += [("no state where the callback has some", {k: v for k, v in with_state.items() if k != "state"}),
              ("state a string", {**with_state, "state": "x"}), ("state too long", {**with_state,
                                                                                   "state": with_state["state"] * 2})]
    return cases


@pytest.mark.parametrize("index", range(25))
def test_a_malformed_callback_body_is_refused_with_400(app, client, index, caplog):
    cases = malformed_bodies(app)
    name, sent = cases[index]
    with caplog.at_level(logging.WARNING, logger="scorecard"):
        text = json.dumps(sent).replace(f'"{DEEP}"', "[" * 1_000 + '"x"' + "]" * 1_000)
        response = client.post("/_dash-update-component", data=text, content_type="application/json")
    assert response.status_code == 400, name
    assert response.get_json()["error"].startswith("Bad request: "), name
    logged = [r for r in caplog.records if "refused callback request" in r.getMessage()]
    assert len(logged) == 1 and "\n" not in logged[0].getMessage()


def test_every_malformed_case_is_in_the_parametrised_range(app):
    assert len(malformed_bodies(app)) == 25


@pytest.mark.parametrize("data,content_type", [
    ("{not json", "application/json"), ("", "application/json"), ("output=x", "application/x-www-form-urlencoded"),
    ('{"output": "x"}', "text/plain"), ("[" * 100_000 + "]" * 100_000, "application/json"),
])
def test_a_body_that_is_not_json_is_refused_with_400(client, data, content_type):
    response = client.post("/_dash-update-component", data=data, content_type=content_type)
    assert response.status_code == 400


def test_a_body_too_large_is_refused_with_413(client):
    response = client.post("/_dash-update-component", data=b"[" + b"0," * 600_000 + b"0]",
                           content_type="application/json")
    assert response.status_code == 413


def forged_values(app) -> list[tuple[str, str, list, list]]:
    """(case, callback, inputs, state): well-formed requests carrying values no browser of ours would send."""
    o_render, d_sync, d_render = (key(app, "..overview-cards"), key(app, "..domain-url.search"),
                                  key(app, "..domain-bar.children"))
    carry = key(app, "..domain-nav.children@")
    good_domain = {"slug": "performance-outcomes", "measure": "ascof_1a", "period": "latest", "benchmark": "region",
                   "council": None, "chosen": []}
    cases = []
    for value in (5, [], {}, True, ["/"], "/" + "x" * 10_000, "/council/" + "\x00", "/domain/../../etc/passwd"):
        cases.append((f"router pathname {value!r:.20}", ROUTER, [value, "", "wide"], []))
    for value in (5, ["?a=b"], {"period": "2023-24"}, "?" + "&".join(["period=2023-24"] * 500)):
        cases.append((f"router search {value!r:.20}", ROUTER, ["/domain/performance-outcomes", value, "wide"], []))
    for value in (5, {}, ["narrow"]):
        cases.append((f"router viewport {value!r:.20}", ROUTER, ["/council/E08000009", "", value], []))
    for page_for in (5, "x", [], {"pathname": 5}, {"pathname": ["/"], "search": ""}, {"pathname": "/", "search": 5},
                     {"pathname": "/domain/performance-outcomes", "search": "", "x": 1}):
        cases.append((f"router page-for {page_for!r:.20}", ROUTER, ["/domain/performance-outcomes", "", "wide"],
                      [None, page_for]))
    for presenter in (5, {"font": 22, "height": "600"}, [22]):
        cases.append((f"router presenter {presenter!r:.20}", ROUTER, ["/domain/performance-outcomes", "", "wide"],
                      [presenter, None]))
    for value in (5, [], None):
        cases.append((f"carried search {value!r:.20}", carry, [value], ["/domain/performance-outcomes"]))
    cases.append(("carried pathname a number", carry, ["?period=2023-24"], [5]))
    for value in ([1], {"a": 1}, 5, "E08000009' OR 1=1", None):
        cases.append((f"picker value {value!r:.20}", PICKER, [1], [value, ""]))
    cases.append(("picker clicks a string", PICKER, ["many"], ["E08000009", ""]))
    for search in (5, ["?as_at=1"], "?as_at=１", "?as_at=" + "9" * 400, "?as_at=-1&as_at=2"):
        cases.append((f"picker search {search!r:.20}", PICKER, [1], ["E08000009", search]))
    for pin in ("0", "99999", "1e3", "１", "-1", "<b>", "9" * 2000):
        for page in ("/", "/domain/performance-outcomes", "/council/E08000009", "/council/E08000009/briefing",
                     "/pack"):
            cases.append((f"router pin {pin!r:.12} on {page}", ROUTER, [page, f"?as_at={pin}", "wide"], []))
        cases.append((f"domain state pin {pin!r:.12}", d_render, [{**good_domain, "as_at": pin}, None], [None]))
        cases.append((f"overview state pin {pin!r:.12}", o_render, [{"domain": "performance-outcomes", "as_at": pin}],
                      []))
    for value in (5, ["1"], {"a": 1}, True):
        cases.append((f"domain state pin {value!r:.12}", d_render, [{**good_domain, "as_at": value}, None], [None]))
    for search in ("?councils=" + ",".join(["E08000009"] * 500), "?domains=" + "x," * 2000, "?date=9999-99-99",
                   "?date=" + "2" * 5000, "?councils=<script>&date=２０２６-１２-１０"):
        cases.append((f"pack {search!r:.20}", ROUTER, ["/pack", search, "wide"], []))
    for period, bench in ((["2023-24"], "england"), ({}, "region"), (5, 5), ("2023-24", ["region"]),
                          ('"2023-24"', "nope"), (None, None)):
        cases.append((f"overview period {period!r:.15} benchmark {bench!r:.15}", OVERVIEW_SYNC, ["", period, bench],
                      ["/"]))
    cases.append(("overview search a list", OVERVIEW_SYNC, [["?period=2023-24"], "latest", "region"], ["/"]))
    for pathname in (5, ["/"], {"a": "/"}, None):
        cases.append((f"overview pathname {pathname!r:.12}", OVERVIEW_SYNC, ["?period=2023-24", None, None],
                      [pathname]))
    for held in (5, [], "x", {}, {"period": None}, {"benchmark": "nope", "domain": 5}, {"domain": "not-a-domain"},
                 {"period": "9999-00", "sort": ["x"]}, {"domain": {"$gt": ""}}):
        cases.append((f"overview state {held!r:.25}", o_render, [held], []))
    for measure, period, chosen, council in (
            (["ascof_1a"], "latest", [], "none"), ({}, {}, {}, {}), ("ascof_1a", "latest", 5, "none"),
            ("ascof_1a", "latest", [1, 2], "none"), ("ascof_1a", 2023, ["E08000009"] * 100, ["E08000009"]),
            ("lg_political_control", None, None, None), ("no-such-measure", "'; DROP TABLE--", ["x" * 5000], 5)):
        cases.append((f"domain controls {measure!r:.12} {chosen!r:.12}", d_sync,
                      ["", measure, period, "region", council, chosen], ["/domain/performance-outcomes"]))
    cases.append(("domain sync pathname a list", d_sync, ["", "ascof_1a", "latest", "region", "none", []],
                  [["/domain/performance-outcomes"]]))
    for held, viewport in ((5, None), ([], "wide"), ({"slug": 5}, None),
                           ({**good_domain, "slug": "not-a-domain"}, None),
                           ({**good_domain, "measure": "rw_turnover"}, None),  # another domain's
                           ({**good_domain, "measure": "no-such-measure"}, None),
                           ({**good_domain, "period": None}, None),
                           ({**good_domain, "period": '"2023-24"'}, None),
                           ({**good_domain, "benchmark": "chosen", "chosen": "E08000009"}, None),
                           ({**good_domain, "council": ["E08000009"]}, None), ({"slug": "performance-outcomes"}, None),
                           (good_domain, 5), (good_domain, {"codes": 5}), (good_domain, ["narrow"])):
        cases.append((f"domain state {held!r:.20} viewport {viewport!r:.20}", d_render, [held, None], [viewport]))
    for presenter in (5, "present", [22, 600], {"font": "22"}, {"font": 22, "height": -1}, {"font": 22, "height": 1e9},
                      {"font": 22, "height": {"$gt": 1}}, {"font": True}, {"font": 22, "height": 600, "x": [1] * 99}):
        cases.append((f"domain presenter {presenter!r:.20}", d_render, [good_domain, presenter], ["wide"]))
    return cases


def test_forged_values_in_well_formed_requests_never_give_a_500(app, client):
    cases = forged_values(app)
    assert len(cases) >= 60
    failures = []
    for name, output, inputs, state in cases:
        response = client.post("/_dash-update-component", json=body(app, output, inputs, state))
        text = response.get_data(as_text=True)
        if response.status_code >= 500 or "Traceback" in text:
            failures.append(f"{name}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", [
    "/_dash-component-suites/../../etc/passwd", "/_dash-component-suites/dash/../../../etc/passwd",
    "/_dash-component-suites/os/path.py", "/_dash-component-suites/dash/nope.js",
    "/_dash-component-suites/..%2f..%2fapp.py", "/_dash-component-suites/dash/%2e%2e/%2e%2e/app.py",
    "/_dash-component-suites/not_a_package/x.js", "/_dash-component-suites/", "/_dash-component-suites/dash",
])
def test_component_suite_paths_outside_a_package_answer_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, response.status_code
    assert "root:" not in response.get_data(as_text=True)


def test_health_says_nothing_that_helps_an_attacker(client, published_engine):
    body = client.get("/health").get_json()
    text = json.dumps(body)
    assert body["status"] == "ok" and body["database"] == {"status": "ok", "backend": "sqlite"}
    assert "://" not in text and str(published_engine.url.database) not in text


def test_the_page_does_not_say_which_versions_run_it(client):
    import sys

    import dash
    import plotly

    page = client.get("/").get_data(as_text=True)
    config = json.loads(page.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[0])
    assert not {"python_version", "dash_version", "plotly_version"} & set(config)
    assert sys.version not in page and f'"{dash.__version__}"' not in page and f'"{plotly.__version__}"' not in page


def test_permissions_policy_always_and_hsts_only_over_tls(app, published_engine):
    plain = app.server.test_client().get("/health")
    assert "fullscreen=(self)" in plain.headers["Permissions-Policy"] and "camera=()" in plain.headers[
        "Permissions-Policy"]
    assert "Strict-Transport-Security" not in plain.headers
    secure = app.server.test_client().get("/health", base_url="https://scorecard.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    proxied = create_app(Settings(database_url=str(published_engine.url), behind_proxy=True)).server.test_client()
    forwarded = proxied.get("/health", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in forwarded.headers
    assert "Strict-Transport-Security" not in app.server.test_client().get(
        "/health", headers={"X-Forwarded-Proto": "https"}).headers, "a proxy's headers are trusted only when told"
