from django.contrib.auth import views as auth_views
from django.urls import path

from tracker.web import curation, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("tasks/", views.task_list, name="task-list"),
    path("tasks/<slug:slug>/", views.task_detail, name="task-detail"),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark"),
    path("papers/<int:pk>/", views.paper_detail, name="paper"),
    path("curate/", curation.queue, name="curate"),
    path("curate/claims/<int:pk>/", curation.decide, name="curate-decide"),
    path("curate/decisions/<int:pk>/undo/", curation.undo, name="curate-undo"),
    path("curate/skipped/clear/", curation.clear_skipped, name="curate-clear-skipped"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
