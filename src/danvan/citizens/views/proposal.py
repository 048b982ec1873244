"""The Word "Phiếu đề xuất xử lý đơn" of one petition, for anyone who may read it (the denouncer masked)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..proposal_docx import proposal_docx
from ..selectors.identity import petitions_in_scope

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def petition_proposal_docx(request, pk):
    petition = get_object_or_404(petitions_in_scope(request.user).select_related("unit__parent"), pk=pk)
    author = request.user.full_name or request.user.username
    body = proposal_docx(petition, author=author, today=timezone.localdate())
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="phieu-de-xuat-xu-ly-don-{petition.number}-{petition.year}.docx"'
    )
    return response
