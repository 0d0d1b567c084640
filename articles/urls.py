from django.urls import path

from .web import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.search, name="search"),
    path("", views.search, name="list"),
    path("cari/faset/<str:facet>/", views.facet_values, name="facet_values"),
    path("cari/tips/", views.tips, name="tips"),
    path("api/search", views.api_search, name="api_search"),
    path("api/search/", views.api_search),
    path("api/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("api/export.jsonl", views.export, {"fmt": "jsonl"}, name="export_jsonl"),
    path("api/artikel/<int:pk>", views.api_article, name="api_article"),
    path("api/artikel/<int:pk>/", views.api_article),
    path("artikel/<int:pk>/", views.article_detail, name="detail"),
    path("orang/<slug:slug>/", views.person_detail, name="person"),
    path("negara/<slug:code>/", views.country_detail, name="country"),
    path("media/<slug:slug>/", views.outlet_detail, name="outlet"),
    path("feed/", feeds.search_feed, name="feed"),
    path("orang/<slug:slug>/feed/", feeds.person_feed, name="person_feed"),
    path("negara/<slug:code>/feed/", feeds.country_feed, name="country_feed"),
    path("media/<slug:slug>/feed/", feeds.outlet_feed, name="outlet_feed"),
    path("orang/<slug:slug>/dengan/<slug:other>/", views.person_pair, name="person_pair"),
    path("api/orang/<slug:slug>", views.api_person, name="api_person"),
    path("api/orang/<slug:slug>/", views.api_person),
    path("api/negara/<slug:code>", views.api_country, name="api_country"),
    path("api/negara/<slug:code>/", views.api_country),
    path("api/media/<slug:slug>", views.api_outlet, name="api_outlet"),
    path("api/media/<slug:slug>/", views.api_outlet),
]
