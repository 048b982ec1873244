"""Races on PostgreSQL: two approvers publish one story under review at the same instant (two tabs, two people). The
story's row is locked before its status is read (`workflow.transition`), so exactly one of them publishes it, the
other is told it is published already, and the story and its change log name the winner once (one publication, one
notice to its author). Threads see only committed rows: the story is committed from a thread and everything
removed afterwards.
SQLite's IMMEDIATE transactions serialise writers anyway: these run in the PostgreSQL pass."""

import pytest
from django.contrib.contenttypes.models import ContentType

from danvan.accounts.models import Role, User
from danvan.core.models import ChangeLog
from danvan.demo.units import demo_units
from danvan.notifications.models import Notification
from danvan.portal.models import Article, Site
from danvan.portal.services import create_article
from danvan.portal.services.workflow import transition
from tests import factories
from tests.races import POSTGRES_ONLY, committed, run_together

from . import factories as portal_factories

pytestmark = [
    pytest.mark.django_db,
    POSTGRES_ONLY,
]

ROUNDS = 10


class Race:
    def __init__(self):
        province = demo_units()["cao_bang"]
        self.logged_before = ChangeLog.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.noticed_before = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.approvers = [factories.user(f"dua_duyet{n}", province, Role.APPROVER) for n in (1, 2)]
        self.site = portal_factories.site(province, slug="dua-tin")
        self.category = portal_factories.category(self.site, "Tin hoạt động")

    def submitted_story(self) -> Article:
        story = create_article(
            None, site=self.site, category=self.category, title="Tin đua duyệt", body="<p>Nội dung.</p>"
        )
        Article.objects.filter(pk=story.pk).update(status=Article.Status.SUBMITTED)
        return story

    def remove(self):
        Article.objects.filter(site=self.site).delete()
        Site.objects.filter(pk=self.site.pk).delete()
        ChangeLog.objects.filter(id__gt=self.logged_before).delete()
        Notification.objects.filter(id__gt=self.noticed_before).delete()
        User.objects.filter(pk__in=[a.pk for a in self.approvers]).delete()


@pytest.fixture
def race(db):
    setup = committed(Race)
    try:
        yield setup
    finally:
        committed(setup.remove)


def test_two_approvers_publishing_at_once_publish_it_once_and_the_story_names_the_winner(race):
    first, second = race.approvers
    article_type = ContentType.objects.get_for_model(Article)
    for _round in range(ROUNDS):
        story = committed(race.submitted_story)
        results = run_together(
            lambda pk=story.pk: transition(first, Article.objects.get(pk=pk), "publish"),
            lambda pk=story.pk: transition(second, Article.objects.get(pk=pk), "publish"),
        )
        winners = [
            approver for approver, r in zip((first, second), results, strict=True) if isinstance(r, Article)
        ]
        assert len(winners) == 1, results
        story.refresh_from_db()
        assert story.status == Article.Status.PUBLISHED and story.approved_by == winners[0]
        # One change of status in the log: the loser wrote nothing.
        moves = ChangeLog.objects.filter(content_type=article_type, object_id=str(story.pk), action="update")
        assert moves.count() == 1
