"""`/council/<code>/briefing`: one council on at most two sides of A4, for a meeting's papers: where it stands in
each domain, what is worse and getting worse, its strengths and areas for improvement, the trends of those key
measures, and the sources and releases behind every number. Built from the profile's own records."""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.vocabulary import STRENGTHS, WEAKNESSES
from data.rated_rows import credit_for, credits
from data.read_api import ReadAPI
from page_models import council_model
from page_models.council_model import CouncilPage, Glance, ProfileRow
from page_models.routes import COUNCIL_KEYS, PAGE, to_search
from page_models.states import ProfileState

LISTED = 5        # strengths, areas for improvement and red-red measures listed
TRENDS = 6        # key measures whose trend is drawn


@dataclass(frozen=True)
class BriefingPage:
    code: str
    name: str
    council_type: str
    benchmark: str
    period: str
    illustrative: bool
    summary: str
    glance: tuple[Glance, ...]
    red_red: tuple[ProfileRow, ...]
    strengths: tuple[ProfileRow, ...]
    weaknesses: tuple[ProfileRow, ...]
    trends: tuple[ProfileRow, ...]      # the key measures: red-red first, then areas for improvement, then strengths
    releases: tuple[str, ...]           # every release a number on the briefing comes from, in words
    profile_path: str                   # the full profile, printed as text (paper has no links)
    accounts: tuple = ()                # the council's own published self-assessments (account_model.Account)
    targets: tuple[ProfileRow, ...] = ()  # the measures with a published target of the council's own


def build(api: ReadAPI, code: str, state: ProfileState) -> BriefingPage:
    """The briefing for a council of the region and a checked profile state (callbacks.state.profile_state)."""
    whole = replace(state, domain=None, measure=None)  # every domain, no measure highlighted
    page: CouncilPage = council_model.build(api, code, whole)
    rows = [p for s in page.sections for p in s.rows]
    red_red = [p for p in rows if p.row.record.red_red]
    weaknesses = [p for p in rows if p.row.record.rating in WEAKNESSES and not p.row.record.red_red]
    strengths = [p for p in rows if p.row.record.rating in STRENGTHS]
    trends = [p for p in red_red + weaknesses + strengths if sum(v is not None for _, v in p.history) >= 2][:TRENDS]
    credited = credits(api)
    used = dict.fromkeys(p.row.record.value_release_id for p in rows if p.row.shows_value)
    return BriefingPage(
        code=code, name=page.name, council_type=page.council_type, benchmark=page.benchmark, period=page.period,
        illustrative=page.illustrative, summary=page.summary, glance=page.glance, red_red=tuple(red_red[:LISTED]),
        strengths=tuple(strengths[:LISTED]), weaknesses=tuple(weaknesses[:LISTED]), trends=tuple(trends),
        releases=tuple(credit_for(credited, r).words for r in used),
        profile_path=PAGE["council"].href(code) + to_search(whole.as_dict(), COUNCIL_KEYS),
        accounts=tuple(s.account for s in page.sections if s.account is not None),
        targets=tuple(p for p in rows if p.row.target is not None))
