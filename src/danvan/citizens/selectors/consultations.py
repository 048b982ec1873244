"""Reads of the consultations: the scoped list, one consultation, its result (counts, rate, hamlets reported), and
what the public pages show."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.scope import role_paths, visible_paths, visible_q
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.tree import open_on_q

from ..models import Consultation, ConsultationComment, HouseholdBallot


def _scope_q(user) -> Q:
    """The consultations of the user's scope, and those of the commune above a hamlet where the user is an editor
    (the hamlet head enters the hamlet's ballot)."""
    if visible_paths(user) is None:
        return Q()  # a superuser: everything (Q() | Q(…) would keep only the second)
    parents = {path.rstrip("/").rsplit("/", 1)[0] + "/" for path in role_paths(user, Role.EDITOR)}
    return visible_q(user, "unit_path") | Q(unit_path__in=sorted(parents))


def consultations_visible_to(user):
    return Consultation.objects.filter(_scope_q(user)).annotate(
        comment_count=Count("comments", distinct=True)
    )


def get_consultation_for(user, pk) -> Consultation:
    return get_object_or_404(Consultation.objects.filter(_scope_q(user)).select_related("unit"), pk=pk)


def hamlets_of(consultation: Consultation, day=None):
    """The commune's hamlets open on the day (today by default): who enters the household ballots."""
    day = day or timezone.localdate()
    return OrgUnit.objects.filter(parent=consultation.unit, kind=OrgUnit.Kind.HAMLET).filter(open_on_q(day))


@dataclass(frozen=True)
class Result:
    households: int
    agree: int
    disagree: int
    abstain: int
    hamlets_reported: int
    hamlets: int
    comments: int

    @property
    def voted(self) -> int:
        return self.agree + self.disagree + self.abstain

    @property
    def agree_rate(self) -> float:
        """Agreeing households in per cent of the households of the hamlets that reported."""
        return 100 * self.agree / self.households if self.households else 0.0

    @property
    def turnout(self) -> float:
        return 100 * self.voted / self.households if self.households else 0.0

    @property
    def passed(self) -> bool:
        """More than half of the households of the hamlets that reported agree (art. 23 counts the households)."""
        return self.households > 0 and 2 * self.agree > self.households


def consultation_result(consultation: Consultation) -> Result:
    """The totals of the ballots, the hamlets that reported of the commune's hamlets, the comments: three queries."""
    totals = HouseholdBallot.objects.filter(consultation=consultation).aggregate(
        households=Sum("households", default=0),
        agree=Sum("agree", default=0),
        disagree=Sum("disagree", default=0),
        abstain=Sum("abstain", default=0),
        reported=Count("pk"),
    )
    day = min(consultation.closes_on, timezone.localdate())
    hamlets = hamlets_of(consultation, day).count()
    comments = ConsultationComment.objects.filter(consultation=consultation).count()
    return Result(
        households=totals["households"],
        agree=totals["agree"],
        disagree=totals["disagree"],
        abstain=totals["abstain"],
        hamlets_reported=totals["reported"],
        hamlets=max(hamlets, totals["reported"]),
        comments=comments,
    )


def ballots_of(consultation: Consultation):
    return HouseholdBallot.objects.filter(consultation=consultation).select_related("hamlet")


def comments_of(consultation: Consultation):
    return ConsultationComment.objects.filter(consultation=consultation)


def public_consultations(unit: OrgUnit):
    return Consultation.objects.filter(unit=unit, status__in=Consultation.PUBLIC_STATUSES).order_by(
        "-opens_on", "-id"
    )


def public_consultation(pk) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("unit"), pk=pk, status__in=Consultation.PUBLIC_STATUSES
    )


def open_for_comments(consultation: Consultation, today=None) -> bool:
    today = today or timezone.localdate()
    return (
        consultation.status == Consultation.Status.OPEN
        and consultation.opens_on <= today <= consultation.closes_on
    )
