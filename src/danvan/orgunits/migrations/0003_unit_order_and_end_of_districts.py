from django.db import migrations, models

from danvan.orgunits.models import unit_sort_key

DISTRICT_BASIS = (
    "Nghị quyết số 203/2025/QH15 sửa đổi, bổ sung Hiến pháp; Luật Tổ chức chính quyền địa phương 2025: kết thúc "
    "hoạt động của đơn vị hành chính cấp huyện từ ngày 01/7/2025"
)


def resort_units(apps, schema_editor):
    """Units sort by their name without the kind word ("Thành phố Hà Nội" among the "Tỉnh H…")."""
    OrgUnit = apps.get_model("orgunits", "OrgUnit")
    batch = []
    for unit in OrgUnit.objects.only("id", "name").iterator(chunk_size=2000):
        unit.sort_key = unit_sort_key(unit.name)[:800]
        batch.append(unit)
        if len(batch) == 2000:
            OrgUnit.objects.bulk_update(batch, ["sort_key"])
            batch = []
    OrgUnit.objects.bulk_update(batch, ["sort_key"])


def name_the_end_of_districts(apps, schema_editor):
    """The districts' events of 1/7/2025 were filed as dissolutions: they are the end of the district level."""
    UnitLineage = apps.get_model("orgunits", "UnitLineage")
    UnitLineage.objects.filter(kind="dissolve", source_key__startswith="2025:district:").update(
        kind="end_district", basis=DISTRICT_BASIS
    )


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0002_orgunit_path_validity_idx")]

    operations = [
        migrations.AlterField(
            model_name="unitlineage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("merge", "Sáp nhập, hợp nhất"),
                    ("split", "Chia tách"),
                    ("rename", "Đổi tên"),
                    ("reorganise", "Sắp xếp lại (giữ nguyên địa giới)"),
                    ("dissolve", "Giải thể"),
                    ("end_district", "Kết thúc hoạt động của đơn vị hành chính cấp huyện"),
                ],
                max_length=16,
                verbose_name="loại sự kiện",
            ),
        ),
        migrations.RunPython(resort_units, migrations.RunPython.noop),
        migrations.RunPython(name_the_end_of_districts, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="lineagelink",
            options={
                "verbose_name": "đơn vị trong sự kiện sắp xếp",
                "verbose_name_plural": "đơn vị trong sự kiện sắp xếp",
            },
        ),
    ]
