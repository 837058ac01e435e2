"""The measure catalogue is valid: six domains, at least six measures each, every field filled."""

import shutil

import pytest
import yaml

from data.catalogue import CATALOGUE_DIR, REQUIRED, CatalogueError, load_catalogue

SLUGS = ["leadership-governance", "performance-outcomes", "commissioning-quality",
         "national-priorities-partnerships", "resource-workforce", "culture-challenge"]


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_six_domains_in_order_with_the_url_slugs(cat):
    assert [d.slug for d in cat.domains] == SLUGS
    assert all(len(d.description) > 80 for d in cat.domains)


def test_every_domain_has_at_least_six_measures_and_45_in_all(cat):
    for slug in SLUGS:
        assert len(cat.measures_in(slug)) >= 6, slug
    assert len(cat.measures) >= 45


def test_every_measure_has_every_field_filled(cat):
    for m in cat.measures:
        for name in REQUIRED:
            value = getattr(m, name)
            if name != "references":
                assert value is not None and str(value).strip() != "", f"{m.id}.{name}"
        assert m.definition.endswith((".", '"')), f"{m.id} definition should be a sentence"


def test_categorical_measures_are_shown_not_rated(cat):
    categorical = [m for m in cat.measures if m.is_categorical]
    assert {"lg_political_control", "lg_cqc_overall"} <= {m.id for m in categorical}
    assert all(m.rating_method == "not_rated" and m.polarity == "no_judgement" for m in categorical)


def test_the_brief_s_measures_are_present(cat):
    ids = {m.id for m in cat.measures}
    for wanted in ("ascof_1a", "ascof_1b", "ascof_1c1a", "ascof_1c2a", "ascof_1d", "ascof_1e", "ascof_1f",
                   "ascof_2a1", "ascof_2a2", "ascof_2b1", "ascof_2d", "ascof_3a", "ascof_3b", "ascof_3d1",
                   "ascof_4a", "rw_turnover", "rw_vacancy", "rw_sickness_days", "rw_net_spend_per_adult",
                   "rw_asc_share_budget", "cq_care_homes_good", "cq_homecare_good", "cc_ombudsman_upheld",
                   "cc_survey_response_rate", "lg_political_control", "lg_control_change"):
        assert wanted in ids


def _broken_copy(tmp_path, change):
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    measures = yaml.safe_load((target / "measures.yaml").read_text(encoding="utf-8"))
    change(measures)
    (target / "measures.yaml").write_text(yaml.safe_dump(measures, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize("change, message", [
    (lambda ms: ms[0].pop("definition"), "measure lg_political_control: field 'definition' is missing"),
    (lambda ms: ms[8].update(polarity="up"), "field 'polarity' must be one of"),
    (lambda ms: ms.append(dict(ms[8])), "measure ids must be unique; repeated: ascof_1b"),
    (lambda ms: ms[8].update(interval_method="none"), "must give an interval method when rating by significance"),
    (lambda ms: ms[0].update(rating_method="quartile"), "must be not_rated with polarity no_judgement"),
    (lambda ms: ms[3].update(first_period="FY24"), "field 'first_period' must be a financial year"),
    (lambda ms: [ms.remove(m) for m in [m for m in ms if m["domain"] == "resource-workforce"][:8]],
     "domain resource-workforce has 5 measures"),
])
def test_a_broken_catalogue_fails_loudly_naming_measure_and_field(tmp_path, change, message):
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(")):
        load_catalogue(_broken_copy(tmp_path, change))
