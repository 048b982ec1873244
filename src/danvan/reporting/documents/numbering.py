"""The register of outgoing documents (sổ đăng ký văn bản đi) of each issuing unit: numbers run from 1 each year and
are given one after another, in a transaction that locks the unit's counter for the year, so two editors asking at
the same moment get two numbers that follow each other (no gap, no duplicate). A number typed by the unit's editor
into the document (an override) is written into the register too, refused if another document holds it."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationError
from danvan.orgunits.models import OrgUnit

from ..models import OutgoingCounter, OutgoingNumber, ReportDocument

_NUMBERED = re.compile(r"^\s*(\d{1,6})\s*-\s*(.*?)\s*$")
_UNNUMBERED = re.compile(r"^\s*-\s*(.*?)\s*$")


def split_number(text: str) -> tuple[int | None, str]:
    """ "125-BC/BTGDVTU" → (125, "BC/BTGDVTU"); "-BC/BTGDVTU" → (None, "BC/BTGDVTU")."""
    text = text or ""
    numbered = _NUMBERED.match(text)
    if numbered:
        return int(numbered.group(1)), numbered.group(2)
    unnumbered = _UNNUMBERED.match(text)
    return None, (unnumbered.group(1) if unnumbered else text.strip())


def _locked_counter(unit: OrgUnit, year: int) -> OutgoingCounter:
    """The unit's counter for the year, locked until the transaction ends (made at its first use: of two made at
    once, one stands and the other waits for it)."""
    counter = OutgoingCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            OutgoingCounter.objects.create(unit=unit, year=year)
    except IntegrityError:
        pass
    return OutgoingCounter.objects.select_for_update().get(unit=unit, year=year)


def register_of(unit: OrgUnit, year: int) -> list[OutgoingNumber]:
    """The unit's register for a year, the last number first."""
    return list(
        OutgoingNumber.objects.filter(unit=unit, year=year).select_related("document").order_by("-number")
    )


def next_number(unit: OrgUnit, year: int) -> int:
    """The number the unit's next document of the year will get (shown, not reserved)."""
    counter = OutgoingCounter.objects.filter(unit=unit, year=year).first()
    return (counter.last if counter else 0) + 1


def give_next(actor, document: ReportDocument, unit: OrgUnit) -> OutgoingNumber:
    """The next number of the unit's register for the year of the document's date, written into the register and
    into the document ("126-BC/BTGDVTU", its symbol kept). Called inside the transaction that locked the document
    (`services.allocate_number`); ValidationError if the document already has a number in the register."""
    held = OutgoingNumber.objects.filter(document=document).first()
    if held is not None:
        raise ValidationError(
            {"number": [_("Văn bản đã có số %(number)s trong sổ văn bản đi.") % {"number": str(held)}]}
        )
    year = document.issued_on.year
    counter = _locked_counter(unit, year)
    number = counter.last + 1
    while OutgoingNumber.objects.filter(unit=unit, year=year, number=number).exists():
        number += 1  # a number typed by hand ahead of the counter is skipped
    counter.last = number
    counter.save(update_fields=["last"])
    symbol = split_number(document.number)[1]
    entry = OutgoingNumber.objects.create(
        unit=unit,
        year=year,
        number=number,
        symbol=symbol,
        document=document,
        summary=document.summary,
        issued_on=document.issued_on,
        created_by=actor,
    )
    document.number = str(entry)
    document.save(update_fields=["number", "updated_at"])
    return entry


def record_override(actor, document: ReportDocument, unit: OrgUnit) -> None:
    """Keeps the register in step with a number typed into the document (called inside the saving transaction): a
    number held by another document of the unit and year is refused; a number given here moves the counter past it;
    a number taken away frees the document's line."""
    number, symbol = split_number(document.number)
    held = OutgoingNumber.objects.select_for_update().filter(document=document).first()
    if number is None:
        if held is not None:
            held.delete()
        return
    year = document.issued_on.year
    counter = _locked_counter(unit, year)
    other = (
        OutgoingNumber.objects.filter(unit=unit, year=year, number=number).exclude(document=document).first()
    )
    if other is not None:
        raise ValidationError(
            {
                "number": [
                    _("Số %(number)s năm %(year)s đã cấp cho văn bản khác: %(summary)s.")
                    % {"number": number, "year": year, "summary": other.summary or str(other)}
                ]
            }
        )
    if held is None:
        held = OutgoingNumber(unit=unit, document=document, created_by=actor)
    held.year, held.number, held.symbol = year, number, symbol
    held.summary, held.issued_on = document.summary, document.issued_on
    held.save()
    if number > counter.last:
        counter.last = number
        counter.save(update_fields=["last"])
