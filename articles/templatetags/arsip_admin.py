"""Template helpers of the editors' admin: the review queue's size on the admin's home page."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles.admin.people import review_queue

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue_summary(context):
    """Return the review queue's count and address for an editor who may see the queue, else None: one COUNT query."""
    request = context.get("request")
    if request is None or not request.user.has_perm("articles.view_discoveredperson"):
        return None
    return {"count": review_queue().count(), "url": reverse("admin:articles_discoveredperson_changelist")}
