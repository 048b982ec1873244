from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_alter_emailpreference_kind_alter_notification_kind_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="ics",
            field=models.TextField(blank=True, verbose_name="lịch iCalendar đính kèm"),
        ),
    ]
