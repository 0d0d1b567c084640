"""Admin pages that are not a model's change list: the upload of raw pages."""

from django.http import HttpResponse


def article_upload(request, model_admin):
    """Upload raw .txt pages or a .zip of them and show the ingest report (to be built)."""
    return HttpResponse(status=501)
