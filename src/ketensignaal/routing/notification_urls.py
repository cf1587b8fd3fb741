"""Routes of the notifications screen and the overdue view, included by ketensignaal.urls."""

from django.urls import URLPattern, URLResolver, path

from ketensignaal.routing import notification_views as views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("notificaties", views.notification_list, name="list"),
    path("notificaties/alles-gelezen", views.notification_read_all, name="read_all"),
    path("notificaties/<int:pk>/gelezen", views.notification_read, name="read"),
    path("inbox/termijn-verstreken", views.overdue_list, name="overdue"),
]
