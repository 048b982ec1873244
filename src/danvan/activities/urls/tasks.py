"""The tasks pages of the activities (/hoat-dong/nhiem-vu/…)."""

from django.urls import path

from ..views import task_bulk, tasks

urlpatterns: list = [
    path("nhiem-vu/", tasks.task_board, name="task_board"),
    path("nhiem-vu/xuat.xlsx", tasks.task_export, name="task_export"),
    path("nhiem-vu/giao/", tasks.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", tasks.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/tien-do/", tasks.task_progress, name="task_progress"),
    path("nhiem-vu/<int:pk>/gia-han/", tasks.task_extension, name="task_extension"),
    path("nhiem-vu/<int:pk>/huy/", tasks.task_cancel, name="task_cancel"),
    path("nhiem-vu/<int:pk>/mo-lai/", tasks.task_reopen, name="task_reopen"),
    path("nhiem-vu/gia-han/<int:pk>/quyet-dinh/", tasks.task_extension_decide, name="task_extension_decide"),
    path("nhiem-vu/minh-chung/<int:pk>/", tasks.task_evidence, name="task_evidence"),
    path("nhiem-vu/cap-nhat-excel/", task_bulk.task_bulk, name="task_bulk"),
    path("nhiem-vu/cap-nhat-excel/tep.xlsx", task_bulk.task_bulk_workbook, name="task_bulk_workbook"),
    path("nhiem-vu/cap-nhat-excel/xac-nhan/", task_bulk.task_bulk_confirm, name="task_bulk_confirm"),
]
