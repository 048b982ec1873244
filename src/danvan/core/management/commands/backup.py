"""`danvan backup [--output PATH] [--keep N]`: one archive with the database and the uploaded files (core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import BackupError, create_backup, prune
from danvan.core.text import vn_number


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp đã tải lên, tệp báo cáo đã tạo vào một tệp lưu trữ (.tar.gz) kèm "
        "manifest.json (số dòng từng bảng, SHA-256 từng tệp). Mặc định: DANVAN_DATA_DIR/backups/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Đường dẫn tệp sao lưu (mặc định trong DANVAN_DATA_DIR/backups/)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Sau khi sao lưu xong, chỉ giữ N bản mới nhất trong thư mục mặc định DANVAN_DATA_DIR/backups/.",
        )

    def handle(self, *args, output=None, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep phải từ 1 trở lên.")
        try:
            path, manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Đã sao lưu vào {path}: {manifest['database']['vendor']}, {vn_number(len(manifest['tables']))} bảng, "
            f"{vn_number(rows)} dòng, {vn_number(len(manifest['files']) - 1)} tệp, "
            f"{vn_number(path.stat().st_size)} byte."
        )
        if keep is not None:
            for removed in prune(keep):
                self.stdout.write(f"Đã xoá bản sao lưu cũ {removed}.")
