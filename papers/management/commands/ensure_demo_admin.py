from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the demo superuser admin/admin, only with DEBUG on (the demo server)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin account is for DEBUG (development) servers only.")
        users = get_user_model().objects
        if users.filter(username="admin").exists():
            self.stdout.write("Demo admin exists: 0 created.")
            return
        users.create_superuser("admin", "admin@example.org", "admin")
        self.stdout.write("Demo admin created (admin/admin): 1 created.")
