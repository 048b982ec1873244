"""The module's seed data: both versions of every step's time limit and the working calendars of 2025–2027, the
rules of how often leaders receive citizens, and the items a commune must publicise (article 11)."""

from django.db import migrations

from danvan.citizens.clock_rules import seed_calendar, seed_deadline_rules
from danvan.citizens.publicity_catalogue import seed_publicity_items
from danvan.citizens.reception_rules import seed_reception_rules


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]

    operations = [
        migrations.RunPython(seed_deadline_rules, migrations.RunPython.noop),
        migrations.RunPython(seed_calendar, migrations.RunPython.noop),
        migrations.RunPython(seed_reception_rules, migrations.RunPython.noop),
        migrations.RunPython(seed_publicity_items, migrations.RunPython.noop),
    ]
