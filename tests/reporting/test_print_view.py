"""The print view of a unit's report (issue #10, Deliver 7): one clean A4 page with the heading, every section's
figures with their labels, the narrative, the status and who submitted and approved it when."""

import pytest

from danvan.core.models import ChangeLog
from danvan.reporting import services
from danvan.reporting.models import Submission
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(units):
    made = factories.report_form(
        units["cao_bang"],
        name="Báo cáo sơ kết công tác dân vận 6 tháng",
        indicators=[
            factories.indicator(units["cao_bang"], "dt_cuoc", name="Số cuộc đối thoại", measure="cuộc")
        ],
    )
    made.sections.update(title="II. Thực hiện dân chủ ở cơ sở")
    return made


@pytest.fixture
def approved(form, units, commune_editor, province_approver):
    report = services.open_submission(commune_editor, form, units["thuc_phan"], "2026H1")
    services.save_value(commune_editor, report, form.sections.get().indicators.get(), "", "1759")
    services.save_narrative(commune_editor, report, {"2.6": "Tổ chức đối thoại tại 8 tổ dân phố."})
    services.transition(commune_editor, report, "submit")
    return services.transition(province_approver, report, "approve")


def _url(form, unit, period="2026H1"):
    return f"/bao-cao/bieu-mau/{form.pk}/{unit.pk}/{period}/ban-in/"


def test_the_print_view_shows_the_whole_report_and_who_signed_it(
    form, units, approved, province_approver, client_for
):
    page = client_for(province_approver).get(_url(form, units["thuc_phan"]))
    html = page.content.decode()
    assert page.status_code == 200
    for text in (
        "Phường Thục Phán",
        "Báo cáo sơ kết công tác dân vận 6 tháng",
        "6 tháng đầu năm 2026",
        "II. Thực hiện dân chủ ở cơ sở",
        "Số cuộc đối thoại",
        "1.759",
        "Tổ chức đối thoại tại 8 tổ dân phố.",
        "Thực hiện dân chủ ở cơ sở",
        "Đã duyệt",
        "Hoàng Thị Phường",
        "Lãnh đạo Ban Tuyên giáo và Dân vận",
        approved.approved_at.astimezone().strftime("%d/%m/%Y"),
        "print.",  # the A4 stylesheet (print.css, hashed)
    ):
        assert text in html, text
    # An empty box of the narrative is said to be empty, not left out.
    assert "(chưa viết)" in html


def test_printing_a_report_not_started_writes_nothing(form, units, commune_editor, client_for):
    before = ChangeLog.objects.count()
    page = client_for(commune_editor).get(_url(form, units["thuc_phan"], "2026H2"))
    assert page.status_code == 200
    assert "Chưa nhập" in page.content.decode()
    assert not Submission.objects.exists()
    assert ChangeLog.objects.count() == before


def test_another_communes_user_cannot_print_the_report(
    form, units, approved, other_commune_editor, client_for
):
    assert client_for(other_commune_editor).get(_url(form, units["thuc_phan"])).status_code == 404
    outside = factories.user("ngoai", factories.other_province_commune(units["cao_bang"]), "editor")
    assert client_for(outside).get(_url(form, units["thuc_phan"])).status_code == 404
