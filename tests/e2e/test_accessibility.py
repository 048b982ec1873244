"""The signed-in pages pass axe-core's WCAG 2.1 AA rules (DESIGN §11): no serious or critical violation on the
main pages a commune editor and a provincial specialist use, and each page still looks right on a laptop
(1366×768) and on a phone (390×844) — screenshots in test-artifacts/screenshots/."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from danvan.demo.practices import load_demo_practices
from danvan.demo.reporting import load_demo_reporting
from danvan.practices.models import Practice
from danvan.reporting.models import Form
from danvan.reporting.services import open_submission

pytestmark = pytest.mark.e2e

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA on the page, one line each with where."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}×): {targets}")
    return found


def test_signed_in_pages_pass_axe_wcag_21_aa(page, log_in, log_out, shot, units, users):
    load_demo_practices()
    load_demo_reporting()
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    thuc_phan, cao_bang = units["thuc_phan"], units["cao_bang"]
    draft = open_submission(users["thucphan"], form, thuc_phan, "2026H1")
    practice = Practice.objects.filter(owner_path__startswith=thuc_phan.path).order_by("pk").first()
    editor_pages = {
        "dashboard": reverse("home:dashboard"),
        "units": reverse("orgunits:unit_list"),
        "unit": reverse("orgunits:detail", args=[thuc_phan.pk]),
        "register": reverse("practices:practice_list"),
        "practice": reverse("practices:detail", args=[practice.pk]),
        "reports": reverse("reporting:home"),
        "grid": reverse("reporting:entry", args=[form.pk, thuc_phan.pk, draft.period]),
    }
    province_pages = {
        "tree": reverse("orgunits:tree"),
        "completeness": reverse("reporting:completeness", args=[form.pk]),
        "analytics": f"{reverse('reporting:analytics')}?form={form.pk}&unit={cao_bang.pk}&period=2026H1",
    }
    problems = {}
    for user, pages in (("thucphan", editor_pages), ("caobang", province_pages)):
        log_in(user)
        for name, url in pages.items():
            page.set_viewport_size(DESKTOP)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            shot(page, f"{name}-1366")
            found = serious_violations(page)
            if found:
                problems[name] = found
            page.set_viewport_size(PHONE)
            shot(page, f"{name}-390")
            found = serious_violations(page)
            if found:
                problems[f"{name} (390 px)"] = found
        log_out()
    assert not problems, "axe-core (WCAG 2.1 AA):\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())
