"""`danvan ingest FILE… [--json] [--import --user USERNAME]`: reads news files (.txt, .html, .docx) and prints the
event each reports. With --json, one JSON object for one file, a JSON list for several. With --import, each event
goes into the system as the given user (`ingest.importing.import_event`: the meeting, its attendees and tasks, the
figures, the archived story); an article imported before is reported and left alone. A file it cannot read or
import is named on stderr with the reason, in Vietnamese; the others are still done, and the exit code is then 1."""

import json
import os
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from danvan.core.errors import NotAllowed, messages_of
from danvan.ingest.importing import import_event
from danvan.ingest.reader import extract_text, read_news_file
from danvan.ingest.reader.extract import check_size
from danvan.ingest.reader.kinds import EVENT_TYPE_LABELS


class Command(BaseCommand):
    help = _(
        "Đọc tin bài (.txt, .html, .docx) thành sự kiện có cấu trúc: ngày, loại, đơn vị tổ chức, người dự…"
    )
    requires_system_checks = []  # reading needs no checks; an import goes through the services

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help=_("In sự kiện dạng JSON."))
        parser.add_argument(
            "--import",
            action="store_true",
            dest="do_import",
            help=_("Nhập sự kiện thành cuộc họp và tin lưu trữ."),
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help=_("Tài khoản thực hiện việc nhập (cần quyền ghi hội nghị của đơn vị tổ chức)."),
        )

    def handle(self, *args, **options):
        actor = self._actor(options) if options["do_import"] else None
        events, failed = [], False
        for path in options["files"]:
            try:
                data, name = read_bytes(path)
                event = read_news_file(data, name)
                events.append(event)
                if actor is not None:
                    self._import(actor, path, event, extract_text(data, name))
            except ValidationError as error:
                failed = True
                self.stderr.write(
                    f"{path}: " + "; ".join(m for ms in messages_of(error).values() for m in ms)
                )
            except NotAllowed as error:
                failed = True
                self.stderr.write(f"{path}: {error.message}")
        if options["json"]:
            if events:
                shown = events[0] if len(options["files"]) == 1 else events
                self.stdout.write(json.dumps(shown, ensure_ascii=False, indent=1))
        else:
            for path, event in zip(options["files"], events, strict=False):
                self.stdout.write(describe(path, event))
        if failed:
            sys.exit(1)

    def _actor(self, options):
        username = options.get("user")
        if not username:
            self.stderr.write(_("--import cần --user: tài khoản thực hiện việc nhập."))
            sys.exit(1)
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            self.stderr.write(_("Không có tài khoản %(user)s.") % {"user": username})
            sys.exit(1)
        return user

    def _import(self, actor, path: str, event: dict, text: str) -> None:
        record = import_event(actor, event, text=text)
        if not record.created:
            self.stderr.write(_("%(path)s: đã nhập trước đây, không thêm gì.") % {"path": path})
            return
        done = [_("hội nghị #%(pk)s") % {"pk": record.meeting_id}] if record.meeting_id else []
        if record.inspection_id:
            done.append(_("cuộc kiểm tra #%(pk)s") % {"pk": record.inspection_id})
        if record.article_id:
            done.append(_("tin lưu trữ #%(pk)s") % {"pk": record.article_id})
        notes = "".join(f"\n  {note}" for note in getattr(record, "notes", ()))
        self.stderr.write(
            _("%(path)s: đã nhập (%(done)s).") % {"path": path, "done": ", ".join(done)} + notes
        )


def read_bytes(path: str) -> tuple[bytes, str]:
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise ValidationError(_("%(path)s: không tìm thấy tệp.") % {"path": path})
    try:
        check_size(name, os.path.getsize(path))
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ValidationError(
            _("%(path)s: không mở được tệp (%(reason)s).") % {"path": path, "reason": error.strerror}
        ) from None
    return data, name


def describe(path: str, event: dict) -> str:
    """The event in a few Vietnamese lines, for a person at a terminal."""
    period = event["period_reviewed"]
    half = {"H1": _("6 tháng đầu năm"), "H2": _("6 tháng cuối năm"), "FULL": _("năm")}.get(period["half"], "")
    date = event["event_date"]
    lines = [
        f"== {path}",
        _("Tiêu đề: %s") % event["title"],
        _("Ngày: %s") % ("/".join(reversed(date.split("-"))) if date else "—"),
        _("Loại: %s") % EVENT_TYPE_LABELS.get(event["event_type"], event["event_type"]),
        _("Đơn vị tổ chức: %(org)s (cấp %(level)s)")
        % {"org": event["organizer"] or "—", "level": event["organizer_level"]},
        _("Địa bàn: %s") % (event["locality"] or "—"),
        _("Kỳ đánh giá: %s") % (" ".join(str(p) for p in (half, period["year"]) if p) or "—"),
    ]
    lines += [_("Người dự: %(name)s — %(title)s") % person for person in event["people"]]
    lines += [_("Mô hình “Dân vận khéo”: %(count)s %(scope)s") % m for m in event["model_counts"]]
    lines += [_("Số liệu: %(value)s %(what)s") % f for f in event["other_figures"]]
    lines += [_("Nhiệm vụ: %s") % task for task in event["directed_tasks"]]
    return "\n".join(lines) + "\n"
