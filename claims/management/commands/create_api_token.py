from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from tracker.api.permissions import CURATORS_GROUP


class Command(BaseCommand):
    help = "Print the API token of USERNAME (created if missing); optionally create the user and make it a curator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--create-user", action="store_true", help="Create the user if it does not exist."
        )
        parser.add_argument(
            "--curator",
            action="store_true",
            help=f"Add the user to the '{CURATORS_GROUP}' group (created if needed).",
        )

    def handle(self, *args, username: str, create_user: bool, curator: bool, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            if not create_user:
                raise CommandError(f"No user {username!r}; pass --create-user to create one.")
            user = User.objects.create_user(**{User.USERNAME_FIELD: username})
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self.stderr.write(f"Created user {username!r} (no password: it signs in with the token).")
        if curator:
            group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
            user.groups.add(group)
            self.stderr.write(f"{username!r} is in the {CURATORS_GROUP!r} group.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
