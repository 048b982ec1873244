from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.accounts.models import UnitRole, User
from danvan.accounts.scope import Role
from danvan.core.context import request_id_var
from danvan.core.figures import bump_after_bulk_load
from danvan.demo.activities import load_demo_activities
from danvan.demo.citizens import load_demo_citizens
from danvan.demo.portal import load_demo_portal
from danvan.demo.practices import load_demo_practices
from danvan.demo.reporting import load_demo_reporting
from danvan.demo.units import load_demo_units
from danvan.orgunits.models import OrgUnit

DEMO_PASSWORD = "danvan-demo"


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu demo (chạy lại nhiều lần vẫn an toàn): đơn vị hành chính, cơ quan, thôn, "
        "mô hình “Dân vận khéo”, hội nghị, kiểm tra, nhiệm vụ, lịch công tác, báo cáo định kỳ, người dùng demo."
    )

    def handle(self, *args, **options):
        # Every change-log row the demo writes says so, as a request's rows carry its id.
        token = request_id_var.set("demo")
        try:
            self._load()
        finally:
            request_id_var.reset(token)

    def _load(self):
        if not OrgUnit.objects.filter(external_id="vn:province:04").exists():
            call_command("import_units", stdout=self.stdout)
        with transaction.atomic():
            units = load_demo_units()
            practices = load_demo_practices()
            # The users first: the activities are recorded through the services, by the administrator, and the
            # province's and the ward's users are told of what concerns them (a hotspot, a task) as they would be.
            admin = self._user("admin", "Quản trị hệ thống", superuser=True)
            self._user(
                "caobang",
                "Cán bộ Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
                unit=units["cao_bang"],
                role=Role.ADMIN,
            )
            self._user("thucphan", "Cán bộ phường Thục Phán", unit=units["thuc_phan"], role=Role.EDITOR)
            # The province's site editor: writes stories (from the work records or not), cannot publish them; the
            # province's administrator (caobang) reviews and publishes.
            self._user(
                "bientap",
                "Lương Thu Hà",
                position="Biên tập viên Trang thông tin Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
                unit=units["cao_bang"],
                role=Role.EDITOR,
            )
            # The province's officer of citizen reception: keeps the sealed identities of the denunciations the
            # province handles (the keeper's role is granted by the citizens' demo, through its service).
            self._user(
                "tiepdan",
                "Nông Thị Thu Hằng",
                position="Chuyên viên Ban Tiếp công dân tỉnh Cao Bằng",
                unit=units["cao_bang"],
                role=Role.EDITOR,
            )
            # Before the reporting demo: the half-year report's activity figures are read from these records.
            activities = load_demo_activities(admin)
            # After the activities: the citizens' commitments become tasks of the activities module.
            citizens = load_demo_citizens(admin)
            reports = load_demo_reporting()
            # After the activities and the practices: its stories are written from their records.
            portal = load_demo_portal(admin)
            # The demo's rows are written without the services.
            bump_after_bulk_load(OrgUnit.objects.values_list("province_code", flat=True).distinct())
        if practices["loaded"]:
            self.stdout.write(f"Đã nạp {practices['practices']} mô hình, điển hình “Dân vận khéo” demo.")
        if activities["loaded"]:
            self.stdout.write(
                f"Đã nạp hoạt động demo: {activities['seed_meetings']} hội nghị và 1 cuộc kiểm tra theo các bài báo "
                f"({activities['seed_tasks']} nhiệm vụ); Tỉnh Cao Bằng 2026: {activities['giao_ban']} cuộc giao ban, "
                f"{activities['inspections']} cuộc kiểm tra, giám sát, {activities['tasks']} nhiệm vụ, "
                f"{activities['situations']} báo cáo tình hình, {activities['calendar']} mục lịch tuần này."
            )
        if citizens["loaded"]:
            self.stdout.write(
                f"Đã nạp đơn thư demo: {citizens['petitions']} đơn, {citizens['feedback']} góp ý trực tuyến có mã "
                f"tra cứu, {citizens['receptions']} buổi tiếp công dân, {citizens['dialogues']} cuộc đối thoại, "
                f"{citizens['consultations']} cuộc lấy ý kiến, {citizens['publications']} mục công khai."
            )
        if reports["loaded"]:
            self.stdout.write(
                f"Đã nạp biểu mẫu báo cáo sơ kết 6 tháng: {reports['communes']} xã, phường kỳ 2026H1, "
                f"{reports['old_communes']} xã, phường cũ kỳ 2024H2 và 2025H1."
            )
        if portal["loaded"]:
            self.stdout.write(
                f"Đã nạp trang thông tin demo: {portal['stories']} tin, bài của Ban Tuyên giáo và Dân vận Tỉnh ủy "
                f"Cao Bằng ({portal['from_records']} viết từ hồ sơ công tác, {portal['seeds']} bài lưu trữ đọc lại), "
                f"{portal['ward']} tin của phường Thục Phán."
            )
        self.stdout.write(
            "Dữ liệu demo đã sẵn sàng. Tài khoản: admin, caobang, thucphan, tiepdan, bientap; mật khẩu: "
            + DEMO_PASSWORD
        )

    def _user(self, username, full_name, superuser=False, unit=None, role=None, position=""):
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "position": position}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = superuser
            user.save()
        if unit is not None:
            UnitRole.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
        return user
