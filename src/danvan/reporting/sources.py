"""The figures the system knows itself (the register's, the activities' and the citizens' counts), which bound
indicators are filled from (`services.system`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Figures the system already knows, which bound indicators are filled from."""

    PRACTICES_REGISTERED = "practices.registered", _("Dân vận khéo: số mô hình, điển hình đăng ký trong năm")
    PRACTICES_RECOGNISED = "practices.recognised", _("Dân vận khéo: số mô hình, điển hình được công nhận")
    PRACTICES_REPLICATED = "practices.replicated", _("Dân vận khéo: số mô hình, điển hình đã nhân rộng")
    PRACTICES_UNITS = "practices.units", _("Dân vận khéo: số đơn vị có mô hình, điển hình đăng ký")
    ACTIVITIES_MEETINGS = "activities.meetings", _("Hoạt động: số hội nghị đã tổ chức (theo loại hội nghị)")
    # One source per meeting type: a form lists them as rows (nine columns do not fit the entry grid).
    MEETINGS_SO_KET = "activities.meetings.so_ket", _("Hoạt động: số hội nghị sơ kết đã tổ chức")
    MEETINGS_TONG_KET = "activities.meetings.tong_ket", _("Hoạt động: số hội nghị tổng kết đã tổ chức")
    MEETINGS_GIAO_BAN = "activities.meetings.giao_ban", _("Hoạt động: số cuộc giao ban đã tổ chức")
    MEETINGS_CHUYEN_DE = "activities.meetings.chuyen_de", _("Hoạt động: số hội nghị chuyên đề đã tổ chức")
    MEETINGS_TAP_HUAN = "activities.meetings.tap_huan", _("Hoạt động: số lớp tập huấn đã tổ chức")
    MEETINGS_HOI_THAO = "activities.meetings.hoi_thao", _("Hoạt động: số hội thảo đã tổ chức")
    MEETINGS_DOI_THOAI = "activities.meetings.doi_thoai", _("Hoạt động: số cuộc đối thoại đã tổ chức")
    MEETINGS_TIEP_XUC = "activities.meetings.tiep_xuc", _("Hoạt động: số cuộc tiếp xúc đã tổ chức")
    MEETINGS_KHAC = "activities.meetings.khac", _("Hoạt động: số hội nghị khác đã tổ chức")
    ACTIVITIES_INSPECTIONS = "activities.inspections", _("Hoạt động: số cuộc kiểm tra, giám sát đã kết luận")
    ACTIVITIES_TASKS = "activities.tasks", _("Hoạt động: số nhiệm vụ được giao (theo tình trạng thực hiện)")
    ACTIVITIES_HOTSPOTS = "activities.hotspots", _("Hoạt động: số vụ việc nguy cơ điểm nóng phát sinh")
    ACTIVITIES_HOTSPOTS_RESOLVED = (
        "activities.hotspots_resolved",
        _("Hoạt động: số vụ việc nguy cơ điểm nóng đã giải quyết"),
    )
    # The citizens' figures (citizens.selectors.figures): the petitions received in the period, as they stand.
    CITIZENS_RECEIVED = (
        "citizens.received",
        _("Đơn thư: số đơn tiếp nhận trong kỳ (theo loại đơn hoặc lĩnh vực)"),
    )
    CITIZENS_ACCEPTED = "citizens.accepted", _("Đơn thư: số đơn tiếp nhận trong kỳ đã thụ lý")
    CITIZENS_ON_TIME = "citizens.on_time", _("Đơn thư: số đơn tiếp nhận trong kỳ đã giải quyết đúng hạn")
    CITIZENS_LATE = "citizens.late", _("Đơn thư: số đơn tiếp nhận trong kỳ đã giải quyết quá hạn")
    CITIZENS_RECEPTIONS = "citizens.receptions", _("Đơn thư: số buổi tiếp công dân đã tổ chức")
    CITIZENS_DIALOGUES = "citizens.dialogues", _("Đơn thư: số cuộc đối thoại trực tiếp đã tổ chức")
