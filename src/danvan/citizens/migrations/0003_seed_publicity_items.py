from django.db import migrations

from danvan.citizens.publicity_catalogue import seed_publicity_items


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_publicity_consultations")]

    operations = [migrations.RunPython(seed_publicity_items, migrations.RunPython.noop)]
