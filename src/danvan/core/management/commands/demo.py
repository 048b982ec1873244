from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.accounts.models import UnitRole, User
from danvan.core.scope import Role
from danvan.orgunits.demo import load_demo_units
from danvan.orgunits.models import OrgUnit
from danvan.practices.demo import load_demo_practices

DEMO_PASSWORD = "danvan-demo"


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu demo (chạy lại nhiều lần vẫn an toàn): đơn vị hành chính, cơ quan, thôn, "
        "mô hình “Dân vận khéo”, người dùng demo."
    )

    def handle(self, *args, **options):
        if not OrgUnit.objects.filter(external_id="vn:province:04").exists():
            call_command("import_units", stdout=self.stdout)
        with transaction.atomic():
            units = load_demo_units()
            practices = load_demo_practices()
            self._user("admin", "Quản trị hệ thống", superuser=True)
            self._user(
                "caobang",
                "Cán bộ Ban Tuyên giáo và Dân vận Tỉnh ủy Cao Bằng",
                unit=units["cao_bang"],
                role=Role.ADMIN,
            )
            self._user("thucphan", "Cán bộ phường Thục Phán", unit=units["thuc_phan"], role=Role.EDITOR)
        if practices["loaded"]:
            self.stdout.write(f"Đã nạp {practices['practices']} mô hình, điển hình “Dân vận khéo” demo.")
        self.stdout.write(
            "Dữ liệu demo đã sẵn sàng. Tài khoản: admin, caobang, thucphan; mật khẩu: " + DEMO_PASSWORD
        )

    def _user(self, username, full_name, superuser=False, unit=None, role=None):
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = superuser
            user.save()
        if unit is not None:
            UnitRole.objects.get_or_create(user=user, unit=unit, defaults={"role": role})
        return user
