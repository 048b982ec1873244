from django.db import migrations

STANDARD_FIELDS = [
    ("kinh-te", "Kinh tế", 1),
    ("van-hoa-xa-hoi", "Văn hóa – xã hội", 2),
    ("quoc-phong-an-ninh", "Quốc phòng – an ninh", 3),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị", 4),
]


def create_standard_fields(apps, schema_editor):
    Field = apps.get_model("practices", "Field")
    for code, name, position in STANDARD_FIELDS:
        Field.objects.update_or_create(owner=None, code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(create_standard_fields, migrations.RunPython.noop)]
