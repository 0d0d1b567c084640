"""Reader pages. Thin: read through selectors, render templates."""

from django.shortcuts import get_object_or_404, render

from .models import Article
from .selectors import article_list_newest


def article_list(request):
    return render(request, "articles/article_list.html", {"articles": article_list_newest(limit=50)})


def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    people = [link.person for link in article.person_links.active().select_related("person")]
    countries = [link.country for link in article.country_links.active().select_related("country")]
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "people": people, "countries": countries, "paragraphs": article.body.split("\n\n")},
    )
