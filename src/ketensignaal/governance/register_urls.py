"""Web routes of the legal-basis register (grondslagenregister)."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.governance import register_views

app_name = "governance_register"

urlpatterns: list[URLPattern | URLResolver] = [
    path("grondslagen", register_views.register_list, name="list"),
    path("grondslagen/nieuw", register_views.register_new, name="new"),
    path("grondslagen/<slug:code>", register_views.register_detail, name="detail"),
    path("grondslagen/<slug:code>/nieuwe-versie", register_views.register_new_version, name="new_version"),
]
