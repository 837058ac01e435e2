"""The editor's pages. Each view is thin: it checks who is signed in (read again from the database on every request,
so a role change or removal takes effect at once), hands the form's values to `data.statements`, which authorises
and writes them, and renders a template (Jinja escapes everything it prints)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import flask
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from markupsafe import Markup

from analysis.commentary import as_html
from analysis.formatting import uk_time
from data.accounts import ROLE_WORDS, Actor, actor_for, authenticate, end_sessions
from data.audit import events, record
from data.catalogue import catalogue
from data.db import session_factory
from data.periods import current_financial_year, financial_year, is_financial_year, start_year, usable
from data.schema import Area, Statement
from data.statements import (
    Content,
    Invalid,
    NotAllowed,
    RiskEntry,
    history,
    publish,
    return_,
    risks_of,
    save,
    submit,
    waiting,
)
from editor.forms import ActionForm, ReturnForm, SignInForm, StatementForm

# Failed sign-ins only (a success never counts). One address may fail 5 times in 15 minutes before it must wait; an
# account is held for 5 minutes only after 20 failures in that time, more than any one address can make, so a
# stranger cannot lock its owner out, and the owner is told why (issue 26).
GSS_CODE = re.compile(r"E[0-9]{8}")  # a council's ONS code, checked before it is looked up
ADDRESS_LIMIT = "5 per 15 minutes"
ACCOUNT_LIMIT = "20 per 5 minutes"

bp = flask.Blueprint("editor", __name__, url_prefix="/editor", template_folder="templates")


class EditorUser(UserMixin):
    def __init__(self, actor: Actor):
        self.actor = actor
        # What the session keeps: the name and the session version it began under (accounts.end_sessions)
        self.id = f"{actor.username}:{actor.session_version}"

    @property
    def role_words(self) -> str:
        return ROLE_WORDS[self.actor.role]


def editor_sessions():
    return flask.current_app.extensions["scorecard_editor_sessions"]


def _address() -> str:
    return flask.request.remote_addr or "unknown"


@bp.before_request
def _same_site_only():
    """A state-changing request must come from this site: an Origin (or Referer) naming another is refused."""
    if flask.request.method == "POST":
        origin = flask.request.headers.get("Origin") or flask.request.headers.get("Referer")
        if origin and urlsplit(origin).netloc != flask.request.host:
            flask.abort(403, "This form can only be sent from the scorecard's own pages.")


def _council_name(s, code: str) -> str:
    area = s.get(Area, code)
    return area.name if area else code


def _councils(s, actor: Actor) -> list[tuple[str, str]]:
    from data.reference import NORTH_WEST, councils_in

    if actor.role == "council_editor":
        return [(actor.council, _council_name(s, actor.council))]
    return [(c.code, c.name) for c in councils_in(NORTH_WEST) if c.valid_to is None]


def _period(value: object) -> str:
    return value if isinstance(value, str) and is_financial_year(value) and usable(value) else current_financial_year()


def _account() -> str:
    return str(flask.request.form.get("username", ""))[:80].strip().lower()


def _failed(response: flask.Response) -> bool:
    return response.status_code == 401


def _limit_sign_in(server: flask.Flask, limiter) -> None:
    """Count failed sign-ins per address, and per account from anywhere (429 past either, with the reason)."""
    view = server.view_functions["editor.sign_in"]
    view = limiter.limit(ACCOUNT_LIMIT, key_func=_account, methods=["POST"], deduct_when=_failed, scope="account",
                         error_message="Too many failed sign-ins to this account from several places: it is held "
                                       "for a few minutes. Try again then, or ask an administrator.")(view)
    view = limiter.limit(ADDRESS_LIMIT, methods=["POST"], deduct_when=_failed,
                         error_message="Too many failed sign-ins from this address: wait 15 minutes.")(view)
    server.view_functions["editor.sign_in"] = view


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        with editor_sessions().begin() as s:
            actor = authenticate(s, form.username.data, form.password.data)
            record(s, actor or form.username.data or "?", "signed_in" if actor else "sign_in_failed",
                   outcome="ok" if actor else "refused", address=_address())
        if actor is not None:
            flask.session.clear()  # a new session on sign-in (no fixation)
            flask.session.permanent = True
            login_user(EditorUser(actor))
            return flask.redirect(flask.url_for("editor.home"))
        flask.flash("That user name and password do not match an active user.", "error")
        return flask.render_template("editor/sign_in.html", form=form), 401
    return flask.render_template("editor/sign_in.html", form=form), 400 if form.errors else 200


@bp.route("/sign-out", methods=["POST"])
@login_required
def sign_out():
    if not ActionForm().validate_on_submit():
        flask.abort(400, "The form had expired; nothing was changed.")
    with editor_sessions().begin() as s:  # every session of this user ends, here and anywhere a cookie was copied to
        end_sessions(s, current_user.actor.username)
    logout_user()
    flask.session.clear()
    return flask.redirect(flask.url_for("editor.sign_in"))


@bp.route("/")
@login_required
def home():
    actor, period = current_user.actor, _period(flask.request.args.get("period"))
    with editor_sessions()() as s:
        rows = []
        for code, name in _councils(s, actor):
            cells = []
            for d in catalogue().domains:
                versions = history(s, code, d.slug, period)
                cells.append((d, versions[0] if versions else None))
            rows.append((code, name, cells))
        queue = [(st, _council_name(s, st.council_code)) for st in waiting(s)] if actor.is_analyst else []
        year = start_year(current_financial_year())
        years = [financial_year(y) for y in range(year, year - 3, -1)]
        return flask.render_template("editor/home.html", rows=rows, period=period, waiting=queue, years=years,
                                     domains={d.slug: d.name for d in catalogue().domains})


def _content(form: StatementForm) -> Content:
    risks = []
    for n in range(1, 4):
        values = [getattr(form, f"{f}{n}").data for f in ("risk", "mitigation", "owner")]
        if any(v and v.strip() for v in values):
            risks.append(RiskEntry(*values, getattr(form, f"due{n}").data))
    return Content(form.commentary.data or "", form.self_rating.data or None, form.rationale.data or None,
                   tuple(risks))


@bp.route("/statement/<council>/<domain>/<period>", methods=["GET", "POST"])
@login_required
def statement(council: str, domain: str, period: str):
    # Checked before anything reaches the database (a NUL byte or a long code once answered 503)
    if not (GSS_CODE.fullmatch(council) and catalogue().domain(domain) and is_financial_year(period)
            and usable(period)):
        flask.abort(404, "There is no such council, domain or period.")
    actor = current_user.actor
    form, status, preview = StatementForm(), 200, None
    if form.preview.data and form.validate_on_submit():  # shown as the public will read it; nothing saved
        preview = _content(form)
    else:
        def write(s) -> str:  # saves of one statement queue (data.statements.save): never a clash
            made = save(s, actor, council, domain, period, _content(form))
            if form.save_and_submit.data:
                submit(s, actor, made.id)
            return "Submitted for publication." if form.save_and_submit.data else "Draft saved."
        done, status = written(form, write, flask.url_for("editor.statement", council=council, domain=domain,
                                                          period=period))
        if done is not None:
            return done
    with editor_sessions()() as s:
        d = catalogue().domain(domain) if isinstance(domain, str) else None
        if d is None or s.get(Area, council) is None or not (is_financial_year(period) and usable(period)):
            flask.abort(404, "There is no such council, domain or period.")
        if not (actor.is_analyst or actor.council == council):
            flask.abort(403, "You can only read and write your own council's statements.")
        versions = history(s, council, domain, period)
        if flask.request.method == "GET" and versions:
            _fill(form, versions[0], risks_of(s, versions[0].id))
        return flask.render_template("editor/statement.html", form=form, versions=versions, domain=d, period=period,
                                     council=council, council_name=_council_name(s, council), preview=preview,
                                     risks={v.id: risks_of(s, v.id) for v in versions}, action=ActionForm(),
                                     returning=ReturnForm(), role_words=ROLE_WORDS,
                                     numbers=_numbers(council, domain)), status


def written(form, write, then: str) -> tuple[flask.Response | None, int]:
    """A form's write, in one transaction: (a redirect to `then`, saying what `write` says it did) once it lands;
    (None, 400) when the form has errors or the write is refused as Invalid (the reason flashed); (None, 200) when
    nothing was sent. Each write authorises itself (data.statements, data.targets, data.questions)."""
    if not form.validate_on_submit():
        return None, 400 if form.errors else 200
    try:
        with editor_sessions().begin() as s:
            said = write(s)
    except Invalid as problem:
        flask.flash(str(problem), "error")
        return None, 400
    flask.flash(said, "ok")
    return flask.redirect(then), 200


def _numbers(council: str, domain: str) -> list[dict]:
    """The council's ratings in the domain, each measure in its latest year, as its public profile shows them
    (against the North West): what a statement is written about, beside the form."""
    from analysis.formatting import value_text
    from analysis.vocabulary import RATING_COLOURS
    from data.read_api import ReadAPI

    api = ReadAPI(flask.current_app.extensions["scorecard_editor_engine"])
    latest = api.latest_periods()
    newest = {r.measure_id: r for r in api.ratings(comparator="region", area=council, domain=domain)
              if r.period == latest.get(r.measure_id)}  # one query for the domain, not one a measure
    rows = []
    for m in api.catalogue.measures_in(domain):
        record = newest.get(m.id)
        if record is not None:
            colour = RATING_COLOURS[record.colour]
            rows.append({"name": m.short_name or m.name, "period": record.period, "rating": record.rating,
                         "value": value_text(record.value, record.text_value, record.marker, m.unit, m.decimals),
                         "icon": colour.icon, "colour": record.colour, "fill": colour.fill, "text": colour.text,
                         "reason": record.reason})
    return rows


def _fill(form: StatementForm, newest: Statement, risks) -> None:
    form.commentary.data, form.self_rating.data, form.rationale.data = (newest.commentary, newest.self_rating or "",
                                                                        newest.rationale)
    for r in risks:
        for f in ("risk", "mitigation", "owner", "due"):
            getattr(form, f"{f}{r.position}").data = getattr(r, f)  # a due date is a date: the field writes it ISO


def _decision(statement_id: int, act, form) -> flask.Response:
    if not form.validate_on_submit():
        flask.abort(400, "The form had expired or was incomplete; nothing was changed.")
    try:
        with editor_sessions().begin() as s:
            st = act(s)
            where = (st.council_code, st.domain_slug, st.period)
    except Invalid as problem:
        flask.abort(409, str(problem))
    flask.flash("Done.", "ok")
    return flask.redirect(flask.url_for("editor.statement", council=where[0], domain=where[1], period=where[2]))


@bp.route("/statement/<int(min=1, max=2147483647):statement_id>/submit", methods=["POST"])
@login_required
def submit_statement(statement_id: int):
    return _decision(statement_id, lambda s: submit(s, current_user.actor, statement_id), ActionForm())


@bp.route("/statement/<int(min=1, max=2147483647):statement_id>/publish", methods=["POST"])
@login_required
def publish_statement(statement_id: int):
    return _decision(statement_id, lambda s: publish(s, current_user.actor, statement_id), ActionForm())


@bp.route("/statement/<int(min=1, max=2147483647):statement_id>/return", methods=["POST"])
@login_required
def return_statement(statement_id: int):
    form = ReturnForm()
    return _decision(statement_id, lambda s: return_(s, current_user.actor, statement_id, form.note.data), form)


@bp.route("/audit")
@login_required
def audit():
    if not current_user.actor.is_administrator:
        flask.abort(403, "Only an administrator can read the audit log.")
    with editor_sessions()() as s:
        return flask.render_template("editor/audit.html", events=events(s, 500))


def _refused(error) -> tuple[str, int]:
    code = getattr(error, "code", 403)
    return flask.render_template("editor/message.html", title={400: "Not sent", 401: "Sign in", 403: "Not allowed",
                                                                404: "Not found", 409: "Not possible",
                                                                429: "Too many attempts"}.get(code, "Error"),
                                 message=getattr(error, "description", str(error))), code


def _not_allowed(error: NotAllowed) -> tuple[str, int]:
    return flask.render_template("editor/message.html", title="Not allowed", message=str(error)), 403


bp.register_error_handler(NotAllowed, _not_allowed)
for _code in (400, 403, 404, 409, 429):
    bp.register_error_handler(_code, _refused)


def register(server: flask.Flask, logins, limiter, engine) -> None:
    server.extensions["scorecard_editor_sessions"] = session_factory(engine)
    server.jinja_env.filters["when"] = uk_time
    server.jinja_env.filters["markdown"] = lambda text: Markup(as_html(text))  # escaped by analysis.commentary
    server.extensions["scorecard_editor_engine"] = engine

    @logins.user_loader
    def load(user_id: str):
        username, _, version = str(user_id).rpartition(":")
        if not (username and version.isascii() and version.isdigit() and len(version) < 10):
            return None  # a session from before session versions, or a forged one: signed out
        with editor_sessions()() as s:
            actor = actor_for(s, username, int(version))
        return EditorUser(actor) if actor else None

    @logins.unauthorized_handler
    def unauthorised():
        return flask.render_template("editor/message.html", title="Sign in",
                                     message="Sign in to use the editor."), 401

    server.extensions["scorecard_editor_limiter"] = limiter
    server.register_blueprint(bp)
    _limit_sign_in(server, limiter)
