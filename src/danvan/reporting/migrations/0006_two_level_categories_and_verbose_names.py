from django.db import migrations

# The level categories since the 2025 reform (services.STANDARD_CATEGORIES): no district level.
CATEGORIES = [
    (
        "cap_hai_cap",
        "Cấp (chính quyền địa phương hai cấp, từ 1/7/2025)",
        3,
        [
            ("province", "Cấp tỉnh"),
            ("commune", "Cấp xã, phường, đặc khu"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "cap_xa",
        "Cấp trong xã (xã và thôn, tổ dân phố; từ 1/7/2025)",
        4,
        [
            ("commune", "Cấp xã, phường, đặc khu"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("reporting", "Category")
    CategoryOption = apps.get_model("reporting", "CategoryOption")
    for code, name, position, options in CATEGORIES:
        category, _created = Category.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        for number, (option_code, option_name) in enumerate(options, start=1):
            CategoryOption.objects.get_or_create(
                category=category, code=option_code, defaults={"name": option_name, "position": number}
            )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0005_document_numbers_and_section_narrative_key")]

    operations = [
        migrations.RunPython(add_categories, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="sectionindicator",
            options={
                "ordering": ["section", "position", "id"],
                "verbose_name": "chỉ tiêu của phần",
                "verbose_name_plural": "chỉ tiêu của phần",
            },
        ),
        migrations.AlterModelOptions(
            name="submissionevent",
            options={
                "ordering": ["at", "id"],
                "verbose_name": "bước xử lý báo cáo",
                "verbose_name_plural": "bước xử lý báo cáo",
            },
        ),
        migrations.AlterModelOptions(
            name="value",
            options={"verbose_name": "số liệu", "verbose_name_plural": "số liệu"},
        ),
        migrations.AlterModelOptions(
            name="valuechange",
            options={
                "ordering": ["-at", "-id"],
                "verbose_name": "lần sửa số liệu",
                "verbose_name_plural": "lần sửa số liệu",
            },
        ),
    ]
