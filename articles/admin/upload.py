"""The admin page that is not a model's change list: the upload of pages (articles/uploads.py does the work)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..services import IngestResult, IngestStatus
from ..uploads import (
    MAX_PAGE_BYTES,
    MAX_PAGES,
    MAX_UPLOAD_BYTES,
    upload_size_problem,
    uploaded_pages_ingest,
    uploaded_pages_log,
)
from .index_follows import unindexed_warning

STATUS_LABELS = {
    IngestStatus.INGESTED: gettext_lazy("dimuat"),
    IngestStatus.UNCHANGED: gettext_lazy("tidak berubah"),
    IngestStatus.UPDATED: gettext_lazy("diperbarui"),
    IngestStatus.FAILED: gettext_lazy("gagal"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and cleans to a list (Django docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        # ".gz" for .warc.gz and .jsonl.gz: not every browser matches a double suffix in the accept list.
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ".txt,.zip,.html,.htm,.warc,.jsonl,.gz,text/plain,text/html,application/zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple) and data:
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)]  # nothing chosen: the "required" error


class ArticleUploadForm(forms.Form):
    # An empty page is a page that fails with its reason in the report, not a form error that refuses the rest.
    files = MultipleFileField(
        label=gettext_lazy("Berkas"),
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Pilih satu atau beberapa berkas .txt atau .zip.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "Halaman berita mentah (.txt) atau HTML (.html, .htm), arsip web WARC (.warc, .warc.gz), JSON Lines "
            "(.jsonl, .jsonl.gz; satu berita per baris), atau .zip berisi berkas-berkas itu; berkas .url atau .json "
            "di samping halaman .txt atau .html dalam zip memberi URL-nya. Tiap rekaman WARC dan baris JSONL "
            "dihitung satu halaman. Paling banyak %(pages)s halaman dan %(size)s MB per unggahan; tiap halaman "
            "paling besar %(page_size)s MB."
        ) % {"pages": MAX_PAGES, "size": MAX_UPLOAD_BYTES // 1_048_576, "page_size": MAX_PAGE_BYTES // 1_048_576}

    def clean_files(self):
        files = self.cleaned_data["files"]
        problem = upload_size_problem(count=len(files), size=sum(upload.size for upload in files))
        if problem:
            raise forms.ValidationError(problem, code="limit")
        return files


def _report(results: list[IngestResult], *, admin_site_name: str) -> dict:
    """Return the rows and counts the upload page shows for these results."""
    counts = {status.value: 0 for status in IngestStatus}
    rows = []
    for result in results:
        counts[result.status.value] += 1
        url = ""
        if result.article is not None:
            url = reverse("admin:articles_article_change", args=[result.article.pk], current_app=admin_site_name)
        title = result.parsed.title if result.parsed is not None else ""
        rows.append({
            "name": result.name, "status": result.status.value, "label": STATUS_LABELS[result.status],
            "title": title or (result.article.title if result.article else ""), "error": result.error, "url": url,
        })
    return {"rows": rows, "counts": counts}


def article_upload(request, model_admin):
    """Upload pages (.txt, .html, WARC, JSONL or a .zip of them), ingest them like ``ingest_articles`` and show the
    per-page report."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            # The form capped the total size, so reading the files whole is bounded.
            files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
            upload = uploaded_pages_ingest(files=files)
            if upload.index_problem:
                messages.warning(request, unindexed_warning(upload.index_problem))
            uploaded_pages_log(user_id=request.user.pk, results=upload.results)
            report = _report(upload.results, admin_site_name=model_admin.admin_site.name)
    else:
        form = ArticleUploadForm()
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Unggah berita"),
        "opts": opts,
        "app_label": opts.app_label,
        "form": form,
        "report": report,
    }
    return TemplateResponse(request, "admin/articles/article/upload.html", context)
