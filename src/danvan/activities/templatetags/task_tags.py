"""Template helpers of the task pages: a computed status's label and colour."""

from django import template

from ..selectors.tasks import STATUS_LABELS, Status

register = template.Library()

STATUS_BADGES = {
    Status.DONE_ON_TIME: "text-bg-success",
    Status.DONE_LATE: "text-bg-warning",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.OVERDUE: "text-bg-danger",
    Status.CANCELLED: "text-bg-secondary",
}


@register.filter
def task_status_label(status):
    try:
        return STATUS_LABELS[Status(status)]
    except ValueError:
        return ""


@register.filter
def task_status_badge(status):
    try:
        return STATUS_BADGES[Status(status)]
    except ValueError:
        return "text-bg-light"
