from django.db import migrations

# The two disaggregations the practice register can fill (services.SOURCE_CATEGORIES), shared by every form.
CATEGORIES = [
    (
        "cap",
        "Cấp",
        1,
        [
            ("province", "Cấp tỉnh"),
            ("district", "Cấp huyện"),
            ("commune", "Cấp xã, phường"),
            ("hamlet", "Cấp thôn, tổ dân phố"),
        ],
    ),
    (
        "linh_vuc",
        "Lĩnh vực",
        2,
        [
            ("kinh_te", "Kinh tế"),
            ("van_hoa_xa_hoi", "Văn hóa – xã hội"),
            ("quoc_phong_an_ninh", "Quốc phòng – an ninh"),
            ("xay_dung_he_thong_chinh_tri", "Xây dựng hệ thống chính trị"),
        ],
    ),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("reporting", "Category")
    CategoryOption = apps.get_model("reporting", "CategoryOption")
    for code, name, position, options in CATEGORIES:
        category, _created = Category.objects.get_or_create(code=code, defaults={"name": name, "position": position})
        for number, (option_code, option_name) in enumerate(options, start=1):
            CategoryOption.objects.get_or_create(
                category=category, code=option_code, defaults={"name": option_name, "position": number}
            )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
