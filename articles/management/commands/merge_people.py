"""Merge people into one: links move, names become aliases, old pages redirect, search follows."""

from __future__ import annotations

from django.core.management.base import CommandError

from articles.management.base import REPAIR_HINT, IndexingCommand
from articles.models import Person
from articles.services import person_merge


class Command(IndexingCommand):
    help = "Merge people (by slug) into a target person (by slug), e.g. merge_people joko-widodo jokowi presiden-jokowi."

    def add_arguments(self, parser):
        parser.add_argument("target", help="Slug of the person that stays, e.g. joko-widodo.")
        parser.add_argument("sources", nargs="+", help="Slugs of the people merged into it.")

    def handle(self, *args, **options):
        slugs = [options["target"], *options["sources"]]
        people = {person.slug: person for person in Person.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in people]
        if missing:
            raise CommandError(f"No person with slug {', '.join(missing)}. Find slugs in the admin or at /orang/<slug>/.")
        if options["target"] in options["sources"]:
            raise CommandError("The target cannot be merged into itself: leave it out of the sources.")
        self.index_catch_up(verbosity=options["verbosity"])
        result = person_merge(target=people[options["target"]], sources=[people[s] for s in options["sources"]])
        indexing = result.index
        if indexing.problem:
            raise CommandError(
                f"Merged {', '.join(result.merged)} into {result.target.name}, but its {result.articles} articles are "
                f"not reindexed ({indexing.problem}); the index queue keeps them and {REPAIR_HINT}.", returncode=1)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Merged {', '.join(result.merged)} into {result.target.name}: "
                f"{result.articles} articles relinked and reindexed."
            )
