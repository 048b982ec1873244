"""The register of outgoing documents (sổ văn bản đi) of each issuing unit, so that "Số …-BC/…" is filled: numbers
per unit and year given in order, without gaps or duplicates even when two editors ask at once (PostgreSQL), shown
on the document page, and changed by hand by the unit's editor with the register kept in step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.scope import Role
from danvan.core.errors import NotAllowed
from danvan.core.models import ChangeLog
from danvan.demo.units import demo_units
from danvan.reporting import documents
from danvan.reporting.models import Form, OutgoingCounter, OutgoingNumber, ReportDocument
from tests.conftest import make_user
from tests.races import POSTGRES_ONLY, committed, run_together
from tests.reporting.test_documents import posted


def page_url(form, unit, period):
    return reverse("reporting:document_page", args=[form.pk, unit.pk, period])


def test_numbers_run_in_order_per_issuing_unit_and_year(
    demo_form, commune_editor, other_commune_editor, units
):
    ward = units["thuc_phan"]
    first = documents.prepare_document(commune_editor, demo_form, ward, "2026H1")
    second = documents.prepare_document(commune_editor, demo_form, ward, "2025H2")
    assert first.number == "-BC/ĐU"
    first = documents.allocate_number(commune_editor, first)
    second = documents.allocate_number(commune_editor, second)
    assert (first.number, second.number) == ("1-BC/ĐU", "2-BC/ĐU")
    assert documents.number_line(first.number) == "Số 1-BC/ĐU"
    # Another ward's register starts at 1.
    other = documents.prepare_document(other_commune_editor, demo_form, units["nung_tri_cao"], "2026H1")
    assert documents.allocate_number(other_commune_editor, other).number == "1-BC/ĐU"
    # A document keeps the number it has.
    with pytest.raises(ValidationError, match="đã có số 1-BC/ĐU"):
        documents.allocate_number(commune_editor, first)
    year = first.issued_on.year
    assert [str(line) for line in documents.register_of(ward, year)] == ["2-BC/ĐU", "1-BC/ĐU"]
    assert documents.next_number(ward, year) == 3
    assert ChangeLog.objects.filter(object_id=str(first.pk), after__number="1-BC/ĐU").exists()
    # A new year starts again at 1.
    next_year = documents.prepare_document(commune_editor, demo_form, ward, "2026H2")
    next_year = documents.update_document(commune_editor, next_year, issued_on=datetime.date(year + 1, 1, 5))
    assert documents.allocate_number(commune_editor, next_year).number == "1-BC/ĐU"


def test_only_the_units_editors_take_a_number(demo_form, commune_editor, units):
    document = documents.prepare_document(commune_editor, demo_form, units["thuc_phan"], "2026H1")
    viewer = make_user("xem_thucphan", units["thuc_phan"], Role.VIEWER)
    with pytest.raises(NotAllowed):
        documents.allocate_number(viewer, document)
    assert not OutgoingNumber.objects.exists()


def test_a_number_typed_by_hand_is_kept_in_the_register(demo_form, commune_editor, units):
    ward = units["thuc_phan"]
    first = documents.allocate_number(
        commune_editor, documents.prepare_document(commune_editor, demo_form, ward, "2026H1")
    )
    second = documents.prepare_document(commune_editor, demo_form, ward, "2025H2")
    # The editor overrides: number 7; the next number given is 8.
    second = documents.update_document(commune_editor, second, number="7-BC/ĐU")
    year = second.issued_on.year
    assert OutgoingNumber.objects.get(document=second).number == 7
    assert documents.next_number(ward, year) == 8
    # A number another document holds is refused, naming the field.
    with pytest.raises(ValidationError) as error:
        documents.update_document(commune_editor, second, number="1-BC/ĐU")
    assert "Số 1 năm" in str(error.value.message_dict["number"]) and first.summary[:20] in str(error.value)
    # Taking the number away frees the document's line.
    documents.update_document(commune_editor, second, number="-BC/ĐU")
    assert not OutgoingNumber.objects.filter(document=second).exists()


def test_the_page_takes_the_next_number_and_shows_the_register(demo_form, commune_editor, units, client_for):
    ward = units["thuc_phan"]
    client = client_for(commune_editor)
    url = page_url(demo_form, ward, "2026H1")
    page = client.get(url)
    assert "Lưu và lấy số tiếp theo trong sổ văn bản đi (số 1)" in page.content.decode()
    assert not ReportDocument.objects.exists()  # reading never writes
    response = client.post(url, posted(page.context["document"], action="number"))
    assert response.status_code == 302
    document = ReportDocument.objects.get(unit=ward, period="2026H1")
    assert document.number == "1-BC/ĐU"
    html = client.get(url).content.decode()
    assert "Đã lưu và lấy số 1-BC/ĐU trong sổ văn bản đi." in html
    assert f"Sổ văn bản đi năm {document.issued_on.year}" in html and "Số tiếp theo: 2" in html
    assert "lấy số tiếp theo" not in html


# --- two editors at once (PostgreSQL) ---------------------------------------------------------------------------------


@pytest.mark.django_db
@POSTGRES_ONLY
def test_two_editors_asking_at_once_get_two_numbers_that_follow_each_other(db):
    def setup():
        ward = demo_units()["thuc_phan"]
        form = Form.objects.create(
            code="race-numbers",
            name="Race",
            owner=ward.parent,
            period_type="half_year",
            reporting_kinds=["commune"],
        )
        editors = [make_user(f"so_{n}", ward, Role.EDITOR) for n in range(2)]
        made = [
            ReportDocument.objects.create(
                form=form,
                unit=ward,
                unit_path=ward.path,
                period=period,
                issuing_body="ĐẢNG ỦY PHƯỜNG THỤC PHÁN",
                number="-BC/ĐU",
                place="Thục Phán",
                issued_on=datetime.date(2026, 12, 1),
                summary=f"Báo cáo {period}",
            )
            for period in ("2026H1", "2025H2")
        ]
        return ward, form, editors, made

    def reset(ward, made):
        OutgoingNumber.objects.filter(unit=ward).delete()
        OutgoingCounter.objects.filter(unit=ward).delete()
        ReportDocument.objects.filter(pk__in=[d.pk for d in made]).update(number="-BC/ĐU")

    def remove(ward, form, editors, made):
        reset(ward, made)
        ChangeLog.objects.filter(user__in=editors).delete()
        ReportDocument.objects.filter(form=form).delete()
        form.delete()
        for editor in editors:
            editor.delete()

    ward, form, editors, made = committed(setup)
    try:
        for _round in range(10):
            committed(lambda: reset(ward, made))  # the counter is made by the race itself, too
            results = run_together(
                *[
                    (lambda e=editor, d=document: documents.allocate_number(e, d).number)
                    for editor, document in zip(editors, made, strict=True)
                ]
            )
            assert sorted(results) == ["1-BC/ĐU", "2-BC/ĐU"], results
            numbers = committed(
                lambda: sorted(OutgoingNumber.objects.filter(unit=ward).values_list("number", flat=True))
            )
            assert numbers == [1, 2]
            assert committed(lambda: OutgoingCounter.objects.get(unit=ward, year=2026).last) == 2
    finally:
        committed(lambda: remove(ward, form, editors, made))
