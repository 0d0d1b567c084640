from django.db import migrations

import articles.models.search


class Migration(migrations.Migration):
    """The lead (pgsearch.vectors.LEAD_WORDS), null in the rows written before it: no row is rewritten here (an
    update of every row would write every GIN entry again). ``rebuild_index --check`` counts a row without its lead as
    stale, and ``rebuild_index --repair`` writes it; meanwhile the row is found as before, and only a search of
    thousands of matches ranks it last."""

    dependencies = [
        ("articles", "0012_search_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="lead",
            field=articles.models.search.TsVectorField(null=True),
        ),
    ]
