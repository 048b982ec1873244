import os
import sys

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Chạy ứng dụng ở chế độ sản xuất với gunicorn (cấu hình trong danvan/gunicorn_conf.py; "
        "DANVAN_BIND, DANVAN_WORKERS). Serves the app with gunicorn."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="Địa chỉ lắng nghe, mặc định DANVAN_BIND hoặc 127.0.0.1:8000.")
        parser.add_argument(
            "--workers", type=int, help="Số tiến trình, mặc định DANVAN_WORKERS hoặc 2×số lõi+1."
        )

    def handle(self, *args, **options):
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers phải là số nguyên dương.")
        # Without the collected files (and their manifest) every page would answer 500: say so now instead.
        if hasattr(staticfiles_storage, "read_manifest") and staticfiles_storage.read_manifest() is None:
            raise CommandError(
                f"Chưa có tệp tĩnh trong {settings.STATIC_ROOT}: hãy chạy `danvan collectstatic --no-input` trước. "
                "Static files are not collected yet: run `danvan collectstatic --no-input` first."
            )
        argv = [sys.executable, "-m", "gunicorn", "--config", "python:danvan.gunicorn_conf"]
        if options["bind"]:
            argv += ["--bind", options["bind"]]
        if options["workers"]:
            argv += ["--workers", str(options["workers"])]
        sys.stdout.flush()
        # gunicorn takes over this process: systemd and the signals (HUP, TERM) reach its master directly.
        os.execv(sys.executable, argv)
