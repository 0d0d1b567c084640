"""Form fields of the curation screens that differ from what a model field would give."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Article

# Pages carry a handful of photos; a list this long is a paste gone wrong, not captions. Bounds the field's work too.
MAX_CAPTIONS = 200


class CaptionLinesField(forms.Field):
    """Article.captions (a JSON list of strings) edited as text, one caption per line.

    "Foto: Presiden di Istana\\n\\n  Kredit: Antara  " saves ["Foto: Presiden di Istana", "Kredit: Antara"]: each line
    stripped, empty lines dropped. A caption holding a line break of its own is shown on one line (its whitespace runs
    become one space), since on the form a line break is where a caption ends.
    """

    widget = forms.Textarea(attrs={"rows": 4, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(" ".join(str(caption).split()) for caption in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):  # the initial value, when the form compares it with what was sent
            return [" ".join(str(caption).split()) for caption in value]
        captions = [line.strip() for line in (value or "").splitlines()]
        captions = [caption for caption in captions if caption]
        if len(captions) > MAX_CAPTIONS:
            raise ValidationError(gettext("Paling banyak %(max)d keterangan foto; ada %(count)d baris."),
                                  code="max_captions", params={"max": MAX_CAPTIONS, "count": len(captions)})
        return captions

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial or []) != self.to_python(data)
        except ValidationError:
            return True


class ArticleAdminForm(forms.ModelForm):
    captions = CaptionLinesField(
        label=_("keterangan foto"), required=False,
        help_text=_("Satu keterangan per baris, mis. “Presiden Joko Widodo di Istana Merdeka (ANTARA/Puspa)”. "
                    "Baris kosong diabaikan."))

    class Meta:
        model = Article
        fields = ["captions"]  # the admin's fieldsets name the others
