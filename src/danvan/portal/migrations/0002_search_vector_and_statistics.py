"""PostgreSQL only (SQLite keeps scanning `search_key`, see `portal.selectors.search`).

- The stories' words are stored, parsed once at each save (`search_vector`, a generated column the model does not
  name), and indexed by GIN in place of the index over the expression of 0001. With the expression, every story the
  other conditions kept had its text parsed again at each search: a busy site's year of "Dân vận khéo", 821 stories,
  took 300–400 ms to count; with the stored words, 20 ms. Adding the column rewrites the stories' table: about a
  minute for a province's 50,000 stories, twenty for a million on two busy cores.
- A category belongs to one site, which the planner cannot tell from each column's statistics alone: "the site's
  stories of this category" were thought twenty times fewer than they are, and the stories just newer than a story
  were gathered whole and sorted (12 ms) instead of read from the category's index (0.2 ms). The statistics of the
  dependency say it; ANALYZE (and autovacuum after it) fills them."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (
        "ALTER TABLE portal_article ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_key)) STORED",
        "CREATE INDEX portal_article_search_vector ON portal_article USING gin (search_vector)",
        "DROP INDEX IF EXISTS portal_article_search",
        "CREATE STATISTICS portal_article_site_category (dependencies) ON site_id, category_id FROM portal_article",
        "ANALYZE portal_article",
    ):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (
        "DROP STATISTICS IF EXISTS portal_article_site_category",
        "CREATE INDEX IF NOT EXISTS portal_article_search ON portal_article USING gin (to_tsvector('simple', search_key))",
        "ALTER TABLE portal_article DROP COLUMN IF EXISTS search_vector",
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
