from django.urls import path

from ketensignaal.web import views

urlpatterns = [
    path("inloggen", views.login_view, name="login"),
    path("uitloggen", views.logout_view, name="logout"),
    path("mfa/", views.mfa_view, name="mfa"),
    path("", views.home_view, name="home"),
]
