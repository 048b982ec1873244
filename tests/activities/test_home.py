"""The activities' front page: a province sees, for its subtree, the year's four task counts (each opening the tasks
behind it), its meetings to come and the hotspots still open; it shows nothing of another province."""

import datetime

from django.utils import timezone

from tests import factories


def test_the_province_sees_its_years_counts_meetings_to_come_and_open_hotspots(
    units, province_admin, commune_editor, other_commune_editor, client_for
):
    cao_bang, thuc_phan = units["cao_bang"], units["thuc_phan"]
    today = timezone.localdate()
    new_year = datetime.date(today.year, 1, 1)  # overdue from 2 January on
    factories.task(
        province_admin,
        cao_bang,
        thuc_phan,
        "Rà soát mô hình dân vận khéo",
        assigned_on=new_year,
        deadline=new_year,
    )
    factories.task(
        province_admin,
        cao_bang,
        thuc_phan,
        "Nắm dư luận xã hội cuối năm",
        assigned_on=today,
        deadline=datetime.date(today.year, 12, 31),
    )
    factories.meeting(
        province_admin,
        cao_bang,
        "Giao ban khối Dân vận tháng tới",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    factories.situation(
        commune_editor, thuc_phan, "Tranh chấp đất ở tổ 5", severity=4, hotspot=True, topic="opinion"
    )

    page = client_for(province_admin).get(f"/hoat-dong/?unit={cao_bang.pk}")

    assert page.status_code == 200
    counts = {key: number for key, _label, number in page.context["counts"]}
    assert counts == {"done_on_time": 0, "done_late": 0, "in_progress": 1, "overdue": 1}
    html = page.content.decode()
    assert "Giao ban khối Dân vận tháng tới" in html
    assert "Tranh chấp đất ở tổ 5" in html
    assert "status=overdue" in html and f"period={today.year}" in html

    # Another province's editor asking for Cao Bằng's page gets nothing.
    assert client_for(other_commune_editor).get(f"/hoat-dong/?unit={cao_bang.pk}").status_code == 404
