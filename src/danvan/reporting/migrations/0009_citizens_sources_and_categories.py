from django.db import migrations, models

# The sources of the citizens' figures (citizens.selectors.figures) and the categories they break down by
# (services.STANDARD_CATEGORIES): the option codes are the petitions' own values.
CATEGORIES = [
    (
        "loai_don",
        "Loại đơn",
        8,
        [
            ("kien_nghi", "Kiến nghị"),
            ("phan_anh", "Phản ánh"),
            ("khieu_nai_1", "Khiếu nại lần đầu"),
            ("khieu_nai_2", "Khiếu nại lần hai"),
            ("to_cao", "Tố cáo"),
        ],
    ),
    (
        "linh_vuc_don",
        "Lĩnh vực đơn thư",
        9,
        [
            ("dat_dai", "Đất đai"),
            ("chinh_sach", "Chế độ, chính sách"),
            ("tham_nhung", "Tham nhũng, tiêu cực"),
            ("moi_truong", "Môi trường"),
            ("xay_dung", "Xây dựng, hạ tầng"),
            ("hanh_chinh", "Thủ tục hành chính"),
            ("can_bo", "Cán bộ, công chức"),
            ("tu_phap", "Tư pháp"),
            ("xa_hoi", "Văn hóa, xã hội"),
            ("khac", "Lĩnh vực khác"),
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
        ('reporting', '0008_activities_sources_and_categories'),
    ]

    operations = [
        migrations.RunPython(add_categories, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='indicator',
            name='source',
            field=models.CharField(blank=True, choices=[('practices.registered', 'Dân vận khéo: số mô hình, điển hình đăng ký trong năm'), ('practices.recognised', 'Dân vận khéo: số mô hình, điển hình được công nhận'), ('practices.replicated', 'Dân vận khéo: số mô hình, điển hình đã nhân rộng'), ('practices.units', 'Dân vận khéo: số đơn vị có mô hình, điển hình đăng ký'), ('activities.meetings', 'Hoạt động: số hội nghị đã tổ chức (theo loại hội nghị)'), ('activities.meetings.so_ket', 'Hoạt động: số hội nghị sơ kết đã tổ chức'), ('activities.meetings.tong_ket', 'Hoạt động: số hội nghị tổng kết đã tổ chức'), ('activities.meetings.giao_ban', 'Hoạt động: số cuộc giao ban đã tổ chức'), ('activities.meetings.chuyen_de', 'Hoạt động: số hội nghị chuyên đề đã tổ chức'), ('activities.meetings.tap_huan', 'Hoạt động: số lớp tập huấn đã tổ chức'), ('activities.meetings.hoi_thao', 'Hoạt động: số hội thảo đã tổ chức'), ('activities.meetings.doi_thoai', 'Hoạt động: số cuộc đối thoại đã tổ chức'), ('activities.meetings.tiep_xuc', 'Hoạt động: số cuộc tiếp xúc đã tổ chức'), ('activities.meetings.khac', 'Hoạt động: số hội nghị khác đã tổ chức'), ('activities.inspections', 'Hoạt động: số cuộc kiểm tra, giám sát đã kết luận'), ('activities.tasks', 'Hoạt động: số nhiệm vụ được giao (theo tình trạng thực hiện)'), ('activities.hotspots', 'Hoạt động: số vụ việc nguy cơ điểm nóng phát sinh'), ('activities.hotspots_resolved', 'Hoạt động: số vụ việc nguy cơ điểm nóng đã giải quyết'), ('citizens.received', 'Đơn thư: số đơn tiếp nhận trong kỳ (theo loại đơn hoặc lĩnh vực)'), ('citizens.accepted', 'Đơn thư: số đơn tiếp nhận trong kỳ đã thụ lý'), ('citizens.on_time', 'Đơn thư: số đơn tiếp nhận trong kỳ đã giải quyết đúng hạn'), ('citizens.late', 'Đơn thư: số đơn tiếp nhận trong kỳ đã giải quyết quá hạn'), ('citizens.receptions', 'Đơn thư: số buổi tiếp công dân đã tổ chức'), ('citizens.dialogues', 'Đơn thư: số cuộc đối thoại trực tiếp đã tổ chức')], max_length=40, verbose_name='nguồn số liệu'),
        ),
    ]
