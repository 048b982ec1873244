"""The validation rules of a form: comparisons between its indicators checked as figures are entered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from danvan.core.errors import ValidationError
from danvan.core.forms import add_service_errors

from .. import selectors, services
from ..forms import RuleForm
from ..models import Form, ValidationRule
from .definitions import confirm_delete, definable_form, form_part_crumbs, tab_url


def _rule_codes(report_form: Form) -> list[dict]:
    """The codes a rule may use: each indicator of the form, and `code.option` for each of its category options."""
    codes = []
    for section in selectors.form_structure(report_form):
        for item in section.items.all():
            indicator = item.indicator
            options = [
                (f"{indicator.code}.{option.code}", option.name)
                for category in indicator.categories.all()
                for option in category.options.all()
            ]
            codes.append({"indicator": indicator, "options": options})
    return codes


def _rule_form_view(request, report_form: Form, rule: ValidationRule | None):
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rule(request.user, report_form, rule, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu quy tắc kiểm tra."))
            return redirect(tab_url(report_form, "rules"))
    title = _("Sửa quy tắc kiểm tra") if rule else _("Thêm quy tắc kiểm tra")
    context = {
        "report_form": report_form,
        "rule": rule,
        "form": form,
        "codes": _rule_codes(report_form),
        "title": title,
        "crumbs": form_part_crumbs(report_form, "rules", title),
    }
    return render(request, "reporting/definitions/rule_form.html", context)


@login_required
def rule_create(request, pk):
    return _rule_form_view(request, definable_form(request, pk), None)


@login_required
def rule_edit(request, pk, rule_id):
    report_form = definable_form(request, pk)
    rule = get_object_or_404(ValidationRule, pk=rule_id, form=report_form)
    return _rule_form_view(request, report_form, rule)


@login_required
def rule_delete(request, pk, rule_id):
    report_form = definable_form(request, pk)
    rule = get_object_or_404(ValidationRule, pk=rule_id, form=report_form)
    if request.method == "POST":
        services.delete_rule(request.user, rule)
        messages.success(request, _("Đã xóa quy tắc “%(rule)s”.") % {"rule": rule.message})
        return redirect(tab_url(report_form, "rules"))
    return confirm_delete(request, report_form, rule, _("quy tắc kiểm tra"), "rules", _("Xóa quy tắc"))
