"""Web (HTML/htmx) routes of this context, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, include, path

from ketensignaal.disclosures import views

app_patterns: list[URLPattern | URLResolver] = [
    path("signalen/<uuid:pk>/verrijking", views.enrichment_page, name="enrichment"),
    path("signalen/<uuid:pk>/verstrekkingen", views.disclosures_page, name="disclosures"),
    path("signalen/<uuid:pk>/naslag", views.naslag_new, name="naslag_new"),
    path("naslag/<uuid:pk>", views.naslag_detail, name="naslag_detail"),
    path("ambtsberichten", views.ambtsbericht_list_page, name="ambtsbericht_list"),
    path("ambtsberichten/nieuw", views.ambtsbericht_new, name="ambtsbericht_new"),
    path("ambtsberichten/<uuid:pk>", views.ambtsbericht_detail, name="ambtsbericht_detail"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include((app_patterns, "disclosures"), namespace="disclosures")),
    # The legal-basis register screens live in governance; mounted here so the root URLconf stays untouched.
    path("", include("ketensignaal.governance.register_urls", namespace="governance_register")),
]
