from django.db import migrations

from danvan.citizens.reception_rules import seed_reception_rules


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_receptions")]

    operations = [migrations.RunPython(seed_reception_rules, migrations.RunPython.noop)]
