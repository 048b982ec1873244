"""The reader's field accuracy, measured as /work/shared/ingest/score.py measures it: on the five seed articles of
the issue, and on articles of the same genre written for the reader's tests (tests/ingest/articles: other
provinces and communes after 7/2025, a quarterly briefing, inspections, a dialogue, a training, year-end reviews of
a Front committee and of the Women's Union, an HTML page with its menus, a Word file), which it was not built on."""

from pathlib import Path

from .scoring import score_folder

HERE = Path(__file__).parent


def _failures(per_article):
    return {
        name: [f for f, s in scores.items() if s < 1]
        for name, scores in per_article.items()
        if min(scores.values()) < 1
    }


def test_the_seed_articles_are_read_to_at_least_95_percent_of_their_fields():
    mean, per_article = score_folder(HERE / "seeds")
    assert mean >= 0.95, _failures(per_article)


def test_articles_of_the_genre_it_was_not_built_on_are_read_to_at_least_85_percent():
    mean, per_article = score_folder(HERE / "articles")
    assert mean >= 0.85, _failures(per_article)
