from django.core.management.base import BaseCommand

from danvan.orgunits.administrative import SOURCE, import_administrative_units
from danvan.orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Nạp các đơn vị hành chính trước và sau 01/07/2025 cùng quan hệ sắp xếp từ gói vietnam-provinces."

    def handle(self, *args, **options):
        result = import_administrative_units()
        self.stdout.write(
            f"Nguồn: {SOURCE}. Tạo mới {result.created} đơn vị, cập nhật {result.updated}, "
            f"{result.events_created} sự kiện sắp xếp; {result.seconds:.1f} giây."
        )
        for kind, label in OrgUnit.Kind.choices:
            count = OrgUnit.objects.filter(kind=kind, external_id__isnull=False).count()
            if count:
                self.stdout.write(f"  {label}: {count}")
