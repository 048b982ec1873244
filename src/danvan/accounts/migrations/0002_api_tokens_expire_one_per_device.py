"""API tokens expire and are unique per (user, device name).

Tokens made before this had no expiry: they get one from now; of several tokens sharing a user and name, the newest
is kept (the others were piling up from repeated `POST /auth/token`)."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def expire_and_deduplicate(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    seen = set()
    for token in ApiToken.objects.order_by("-created_at", "-pk").only("pk", "user_id", "name"):
        if (token.user_id, token.name) in seen:
            ApiToken.objects.filter(pk=token.pk).delete()
        seen.add((token.user_id, token.name))
    expires = timezone.now() + timedelta(days=settings.DANVAN_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(expire_and_deduplicate, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn"),
        ),
        migrations.AddConstraint(
            model_name="apitoken",
            constraint=models.UniqueConstraint(fields=("user", "name"), name="apitoken_one_per_device_name"),
        ),
    ]
