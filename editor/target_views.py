"""The editor's targets pages: a council's own targets, set by its editor or a regional analyst, each saved as a new
version and published (or withdrawn) from the same page. `data.targets` authorises every write again, by role and
council, whatever the request said, and logs it."""

from __future__ import annotations

import flask
from flask_login import current_user, login_required

from data.catalogue import catalogue
from data.reference import NORTH_WEST
from data.schema import Area, Target
from data.statements import Invalid, may_write_for
from data.targets import TargetEntry, aim_text, history, publish, save, withdraw
from editor.forms import ActionForm, TargetForm
from editor.views import GSS_CODE, bp, editor_sessions, written


def measure_choices() -> list[tuple[str, str]]:
    """Every measure a target can be set for (a number, rated), by domain."""
    cat = catalogue()
    return [(m.id, f"{d.short_name}: {m.short_name} ({m.unit})") for d in cat.domains for m in cat.measures_in(d.slug)
            if not m.is_categorical and m.rating_method != "not_rated"]


def _council(s, council: str) -> Area:
    area = s.get(Area, council) if GSS_CODE.fullmatch(council) else None
    if area is None or area.kind != "council" or area.region_code != NORTH_WEST:
        flask.abort(404, "There is no such North West council.")
    if not may_write_for(current_user.actor, council):
        flask.abort(403, "You can only read and set your own council's targets.")
    return area


def _entry(form: TargetForm) -> TargetEntry:
    return TargetEntry(form.measure.data, (form.period.data or "").strip(), form.value.data, form.high.data,
                       form.tolerance.data or 0.0, form.owner.data or "", form.rationale.data or "")


def _rows(versions: list[Target]) -> list[dict]:
    """Each measure and year's versions, the newest first, with the target in words."""
    cat = catalogue()
    grouped: dict[tuple[str, str], list[Target]] = {}
    for t in versions:
        grouped.setdefault((t.measure_id, t.period), []).append(t)
    rows = []
    for (measure, period), found in grouped.items():
        m = cat.known_measure(measure)
        rows.append({"measure": m, "period": period, "newest": found[0], "versions": found,
                     "aims": {t.id: aim_text({"value": t.value, "high": t.value_high}, m) for t in found}})
    return sorted(rows, key=lambda r: (r["measure"].short_name, r["period"]))


def _fill(form: TargetForm, rows: list[dict]) -> None:
    """"Change" on a row: the form starts from that measure and year's newest version."""
    wanted = (flask.request.args.get("measure"), flask.request.args.get("period"))
    row = next((r for r in rows if (r["measure"].id, r["period"]) == wanted), None)
    if row is not None:
        t = row["newest"]
        form.measure.data, form.period.data, form.owner.data, form.rationale.data = (t.measure_id, t.period, t.owner,
                                                                                      t.rationale)
        form.value.raw, form.high.raw = f"{t.value:g}", "" if t.value_high is None else f"{t.value_high:g}"
        form.tolerance.raw = f"{t.tolerance:g}"


@bp.route("/targets/<council>", methods=["GET", "POST"])
@login_required
def targets(council: str):
    actor = current_user.actor
    form = TargetForm()
    form.measure.choices = measure_choices()
    with editor_sessions()() as s:
        _council(s, council)  # a code, a council of the region, and the actor's own (or an analyst's)
    def write(s) -> str:  # a crafted request for another council is refused (and logged) in data.targets
        made = save(s, actor, council, _entry(form), publish_now=bool(form.save_and_publish.data))
        return (f"Version {made.version} of the {made.period} target "
                + ("published." if form.save_and_publish.data else "saved as a draft."))
    done, status = written(form, write, flask.url_for("editor.targets", council=council))
    if done is not None:
        return done
    with editor_sessions()() as s:
        area = _council(s, council)
        rows = _rows(history(s, council))
    if flask.request.method == "GET":
        _fill(form, rows)
    return flask.render_template("editor/targets.html", form=form, rows=rows, council=council,
                                 council_name=area.name, action=ActionForm()), status


def _decide(target_id: int, act) -> flask.Response:
    if not ActionForm().validate_on_submit():
        flask.abort(400, "The form had expired; nothing was changed.")
    try:
        with editor_sessions().begin() as s:
            council = act(s).council_code
    except Invalid as problem:
        flask.abort(409, str(problem))
    flask.flash("Done.", "ok")
    return flask.redirect(flask.url_for("editor.targets", council=council))


@bp.route("/target/<int(min=1, max=2147483647):target_id>/publish", methods=["POST"])
@login_required
def publish_target(target_id: int):
    return _decide(target_id, lambda s: publish(s, current_user.actor, target_id))


@bp.route("/target/<int(min=1, max=2147483647):target_id>/withdraw", methods=["POST"])
@login_required
def withdraw_target(target_id: int):
    return _decide(target_id, lambda s: withdraw(s, current_user.actor, target_id))
