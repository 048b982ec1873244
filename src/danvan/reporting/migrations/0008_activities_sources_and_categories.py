from django.db import migrations, models

# The sources of the activities' figures (activities.selectors.figures) and the categories they break down by
# (services.STANDARD_CATEGORIES): the option codes are the records' own values.
CATEGORIES = [
    (
        "loai_hoi_nghi",
        "Loại hội nghị",
        5,
        [
            ("so_ket", "Sơ kết"),
            ("tong_ket", "Tổng kết"),
            ("giao_ban", "Giao ban"),
            ("chuyen_de", "Hội nghị chuyên đề"),
            ("tap_huan", "Tập huấn"),
            ("hoi_thao", "Hội thảo"),
            ("doi_thoai", "Đối thoại"),
            ("tiep_xuc", "Tiếp xúc"),
            ("khac", "Khác"),
        ],
    ),
    ("hinh_thuc_kiem_tra", "Hình thức kiểm tra, giám sát", 6, [("inspection", "Kiểm tra"), ("supervision", "Giám sát")]),
    (
        "tinh_trang_nhiem_vu",
        "Tình trạng thực hiện nhiệm vụ",
        7,
        [
            ("done_on_time", "Hoàn thành đúng hạn"),
            ("done_late", "Hoàn thành quá hạn"),
            ("in_progress", "Đang thực hiện trong hạn"),
            ("overdue", "Quá hạn"),
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

    dependencies = [
        ('reporting', '0007_compulsory_cells_comments_and_definitions_version'),
    ]

    operations = [
        migrations.RunPython(add_categories, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='indicator',
            name='source',
            field=models.CharField(blank=True, choices=[('practices.registered', 'Dân vận khéo: số mô hình, điển hình đăng ký trong năm'), ('practices.recognised', 'Dân vận khéo: số mô hình, điển hình được công nhận'), ('practices.replicated', 'Dân vận khéo: số mô hình, điển hình đã nhân rộng'), ('practices.units', 'Dân vận khéo: số đơn vị có mô hình, điển hình đăng ký'), ('activities.meetings', 'Hoạt động: số hội nghị đã tổ chức (theo loại hội nghị)'), ('activities.meetings.so_ket', 'Hoạt động: số hội nghị sơ kết đã tổ chức'), ('activities.meetings.tong_ket', 'Hoạt động: số hội nghị tổng kết đã tổ chức'), ('activities.meetings.giao_ban', 'Hoạt động: số cuộc giao ban đã tổ chức'), ('activities.meetings.chuyen_de', 'Hoạt động: số hội nghị chuyên đề đã tổ chức'), ('activities.meetings.tap_huan', 'Hoạt động: số lớp tập huấn đã tổ chức'), ('activities.meetings.hoi_thao', 'Hoạt động: số hội thảo đã tổ chức'), ('activities.meetings.doi_thoai', 'Hoạt động: số cuộc đối thoại đã tổ chức'), ('activities.meetings.tiep_xuc', 'Hoạt động: số cuộc tiếp xúc đã tổ chức'), ('activities.meetings.khac', 'Hoạt động: số hội nghị khác đã tổ chức'), ('activities.inspections', 'Hoạt động: số cuộc kiểm tra, giám sát đã kết luận'), ('activities.tasks', 'Hoạt động: số nhiệm vụ được giao (theo tình trạng thực hiện)'), ('activities.hotspots', 'Hoạt động: số vụ việc nguy cơ điểm nóng phát sinh'), ('activities.hotspots_resolved', 'Hoạt động: số vụ việc nguy cơ điểm nóng đã giải quyết')], max_length=40, verbose_name='nguồn số liệu'),
        ),
    ]
