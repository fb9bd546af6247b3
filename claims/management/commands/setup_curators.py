from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

GROUP_NAME = "curators"

# (app_label, codename): curators read papers and the catalog, and verify, reject or correct claims.
CURATOR_PERMISSIONS = [
    ("claims", "view_claim"),
    ("claims", "change_claim"),
    ("papers", "view_paper"),
    ("claims", "view_benchmark"),
    ("claims", "view_benchmarkalias"),
    ("claims", "view_metric"),
    ("claims", "view_metricalias"),
]


class Command(BaseCommand):
    help = (
        "Create the 'curators' group with the permissions to read papers, benchmarks and metrics and to "
        "verify, reject and correct claims. Safe to run again: it only adds what is missing. "
        "Curators also need is_staff to sign in to the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", default=GROUP_NAME, help=f"Group name (default: {GROUP_NAME}).")

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name:
            raise CommandError("The group name cannot be empty.")
        wanted = Permission.objects.filter(
            content_type__app_label__in={app for app, _ in CURATOR_PERMISSIONS},
            codename__in={codename for _, codename in CURATOR_PERMISSIONS},
        ).select_related("content_type")
        found = {(p.content_type.app_label, p.codename): p for p in wanted}
        missing = [
            f"{app}.{codename}" for app, codename in CURATOR_PERMISSIONS if (app, codename) not in found
        ]
        if missing:
            raise CommandError(f"Permissions not found: {', '.join(missing)}. Run `manage.py migrate` first.")

        group, created = Group.objects.get_or_create(name=name)
        present = set(group.permissions.values_list("pk", flat=True))
        to_add = [found[key] for key in CURATOR_PERMISSIONS if found[key].pk not in present]
        group.permissions.add(*to_add)

        for permission in to_add:
            self.stdout.write(f"  + {permission.content_type.app_label}.{permission.codename}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Group '{name}' {'created' if created else 'already existed'}: "
                f"{len(to_add)} permission(s) added, {len(CURATOR_PERMISSIONS)} required, "
                f"{group.permissions.count()} in total."
            )
        )
