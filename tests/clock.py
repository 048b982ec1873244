"""Today as the application sees it: the calendar day in Vietnam (Asia/Ho_Chi_Minh), read at each call.

Tests never use `datetime.date.today()` (the machine's day, UTC on CI: from 17:00 UTC it is already the next
day in Vietnam) nor a module-level constant read at collection time (a run crossing midnight in Vietnam would
compare yesterday with today).
"""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    """The day `n` days from today (negative: in the past)."""
    return today() + datetime.timedelta(days=n)
