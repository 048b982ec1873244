"""The clocks' seed data: both versions of every step's time limit, and the working calendars of 2025–2027."""

from django.db import migrations

from danvan.citizens.clock_rules import seed_calendar, seed_deadline_rules


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_clocks")]

    operations = [
        migrations.RunPython(seed_deadline_rules, migrations.RunPython.noop),
        migrations.RunPython(seed_calendar, migrations.RunPython.noop),
    ]
