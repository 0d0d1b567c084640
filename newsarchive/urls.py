from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# set_language lives inside i18n_patterns: posted from an English page it runs in English, so translate_url() can
# turn "/en/..." back into "/..." (outside, every request runs in Indonesian and /en/ pages could not switch back).
urlpatterns = i18n_patterns(
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("articles.urls")),
    prefix_default_language=False,
)
