"""The editor's challenge questions: regional analysts reword a measure's one or two questions (data.questions), and
the newest wording is what the profile, the briefing and the pack show. Council editors may read them."""

from __future__ import annotations

import flask
from flask_login import current_user, login_required

from data.catalogue import catalogue
from data.questions import current, history, save
from editor.forms import QuestionsForm
from editor.views import bp, editor_sessions, written


def _measure(measure: str):
    m = catalogue().measure(measure) if len(measure) <= 60 else None
    if m is None or m.is_categorical:
        flask.abort(404, "There is no such rated measure.")
    return m


@bp.route("/questions")
@login_required
def questions():
    with editor_sessions()() as s:
        shown = current(s)
    cat = catalogue()
    rows = [(d, [(m, shown.get(m.id, ())) for m in cat.measures_in(d.slug) if not m.is_categorical])
            for d in cat.domains]
    return flask.render_template("editor/questions.html", rows=rows)


@bp.route("/questions/<measure>", methods=["GET", "POST"])
@login_required
def question(measure: str):
    m = _measure(measure)
    form = QuestionsForm()
    def write(s) -> str:  # a council editor's request is refused (and logged) in data.questions
        made = save(s, current_user.actor, m.id, [form.first.data or "", form.second.data or ""])
        return f"Version {made.version} saved: it is shown from now on."
    done, status = written(form, write, flask.url_for("editor.question", measure=m.id))
    if done is not None:
        return done
    with editor_sessions()() as s:
        shown, versions = current(s).get(m.id, ()), history(s, m.id)
    if flask.request.method == "GET":
        form.first.data, form.second.data = (list(shown) + ["", ""])[:2]
    return flask.render_template("editor/question.html", form=form, measure=m, shown=shown, versions=versions,
                                 may_edit=current_user.actor.is_analyst), status
