"""The editor's forms (Flask-WTF): each carries a CSRF token, checked on every POST."""

from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import PasswordField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from data.statements import MAX_COMMENTARY, MAX_NOTE, MAX_RATIONALE, MAX_RISK_TEXT, MAX_RISKS


class SignInForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "username"})
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Sign in")


class ActionForm(FlaskForm):
    """A button that changes something (sign out, submit, publish): only its CSRF token."""


class ReturnForm(FlaskForm):
    note = TextAreaField("Why it is returned (the council sees this)", validators=[DataRequired(),
                                                                                   Length(max=MAX_NOTE)])
    submit = SubmitField("Return to the council")


class StatementForm(FlaskForm):
    commentary = TextAreaField("Commentary", validators=[Length(max=MAX_COMMENTARY)],
                               description="Good and poor performance and what is being done; the local care "
                                           "market; workforce pressures. Markdown: **bold**, lists, links.")
    self_rating = SelectField("Self-assessed risk", validators=[Optional()],
                              choices=[SelectChoice(v, label) for v, label in (("", "Not assessed"), ("low", "Low"),
                                                                               ("medium", "Medium"), ("high", "High"))])
    rationale = TextAreaField("Why this rating", validators=[Length(max=MAX_RATIONALE)])
    preview = SubmitField("Preview")
    save = SubmitField("Save a draft")
    save_and_submit = SubmitField("Save and submit for publication")


class DueDate(StringField):
    """A due date typed as YYYY-MM-DD (a browser's date picker shows each reader's own locale's order, which is how
    31/03 and 03/31 get mixed up): text, checked here, a `date` once valid."""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            try:
                if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", self.raw, re.ASCII):
                    raise ValueError
                self.data = date.fromisoformat(self.raw)
            except ValueError:
                raise ValidationError("Type the date as year-month-day, for example 2027-03-31.") from None

    def _value(self) -> str:
        return self.data.isoformat() if isinstance(self.data, date) else getattr(self, "raw", "") or ""


for _n in range(1, MAX_RISKS + 1):
    setattr(StatementForm, f"risk{_n}", StringField(f"Risk {_n}", validators=[Length(max=MAX_RISK_TEXT)]))
    setattr(StatementForm, f"mitigation{_n}", TextAreaField(f"Risk {_n}: mitigation",
                                                             validators=[Length(max=MAX_RISK_TEXT * 2)]))
    setattr(StatementForm, f"owner{_n}", StringField(f"Risk {_n}: owner", validators=[Length(max=120)]))
    setattr(StatementForm, f"due{_n}", DueDate(f"Risk {_n}: due date", validators=[Optional()],
                                                description="Year-month-day, for example 2027-03-31.",
                                                render_kw={"inputmode": "numeric", "autocomplete": "off",
                                                           "maxlength": 10}))


class UploadForm(FlaskForm):
    kind = SelectField("What the file is", choices=[
        SelectChoice("csv", "The scorecard template (any source)"),
        SelectChoice("ascof", "NHS England's ASCOF open-data CSV")])
    period = StringField("ASCOF: the financial year the file covers, e.g. 2023-24 (read from the name if it says)",
                         validators=[Optional(), Length(max=20)])
    file = FileField("The CSV file", validators=[Optional()])
    address = StringField("Or the https:// address the publisher gives for it", validators=[Optional(),
                                                                                          Length(max=2000)])
    submit = SubmitField("Check the file")

    def validate(self, extra_validators=None) -> bool:
        """One of the two: a file, or an address."""
        if not super().validate(extra_validators):
            return False
        has_file, has_address = bool(self.file.data), bool((self.address.data or "").strip())
        if has_file == has_address:
            self.file.errors = [*self.file.errors, "Give a file or an address, not both or neither."]
            return False
        return True


class ConfirmForm(FlaskForm):
    submit = SubmitField("Import it")


class NumberText(StringField):
    """A number typed as text and read by the importers' rule (plain digits 0-9 only: no full-width ３１, no 1e3, no
    NaN); `data` is a float once valid, None when left empty."""

    def process_formdata(self, valuelist):
        from data.imports.values import NUMBER_MESSAGES, parse_number

        self.raw = (valuelist[0] if valuelist else "").strip()[:40]
        self.data = None
        if self.raw:
            number, why = parse_number(self.raw)
            if why:
                raise ValidationError(NUMBER_MESSAGES[why])
            self.data = number

    def _value(self) -> str:
        return getattr(self, "raw", "") or ("" if self.data is None else f"{self.data:g}")


class TargetForm(FlaskForm):
    measure = SelectField("Measure", choices=[], validate_choice=True)
    period = StringField("The year it is due", validators=[DataRequired(), Length(max=7)],
                         description="A financial year such as 2026-27: that year's published value is judged "
                                     "against the target.", render_kw={"autocomplete": "off", "maxlength": 7})
    value = NumberText("Target", validators=[InputRequired(message="Give the target as a number.")],
                       description="In the measure's own unit. For a range, the lower end.",
                       render_kw={"inputmode": "decimal", "autocomplete": "off"})
    high = NumberText("Top of the range (only for a range)", validators=[Optional()],
                      description="Leave empty for a single target: met at or beyond it, in the measure's better "
                                  "direction.", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    tolerance = NumberText("Tolerance", validators=[Optional()],
                           description="How far short still counts as near the target (amber), in the measure's "
                                       "unit. Empty: none.", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    owner = StringField("Owner", validators=[DataRequired(), Length(max=120)],
                        description="Who is accountable for it: a role, not a person's name.")
    rationale = TextAreaField("Why this target", validators=[DataRequired(), Length(max=2_000)])
    save = SubmitField("Save a draft")
    save_and_publish = SubmitField("Save and publish")


class QuestionsForm(FlaskForm):
    first = TextAreaField("First question", validators=[DataRequired(), Length(max=300)],
                          description="Neutral, and ending with a question mark: what a peer would ask.")
    second = TextAreaField("Second question (optional)", validators=[Optional(), Length(max=300)])
    save = SubmitField("Save this wording")
