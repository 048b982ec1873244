"""`danvan restore PATH`: restores an archive of `danvan backup` into an empty database and data directory, then
checks every table's row count and every file's SHA-256 against the archive's manifest (core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import BackupError, created_local, restore_backup
from danvan.core.text import vn_number


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `danvan backup` vào cơ sở dữ liệu và thư mục tệp còn trống, rồi đối chiếu "
        "số dòng từng bảng và SHA-256 từng tệp với manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Tệp sao lưu (.tar.gz).")

    def handle(self, *args, path, **options):
        try:
            manifest, result = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục bản sao lưu ngày {created_local(manifest)} (phiên bản {manifest['version']})."
        )
        for problem in result.problems:
            self.stderr.write(f"  - {problem}")
        if not result.ok:
            raise CommandError(
                f"Khôi phục KHÔNG khớp bản sao lưu: {vn_number(len(result.problems))} chỗ sai."
            )
        self.stdout.write(
            f"Đã kiểm tra: {vn_number(result.tables)} bảng, {vn_number(result.rows)} dòng, "
            f"{vn_number(result.files)} tệp — khớp với bản sao lưu."
        )
