"""The citizens' front page /don-thu/."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _


@login_required
def home(request):
    return render(request, "citizens/home.html", {"crumbs": [(_("Đơn thư, tiếp công dân"), None)]})
