from django.core.management.base import BaseCommand

from papers.models import SavedFeed

DAILY_NAME = "Hugging Face daily papers"


class Command(BaseCommand):
    help = (
        "Create the saved feed of the Hugging Face daily papers (every 6 hours), which celery beat then "
        "follows; other feeds are added in the admin. Safe to run again."
    )

    def handle(self, *args, **options):
        feed, created = SavedFeed.objects.get_or_create(
            name=DAILY_NAME, defaults={"kind": SavedFeed.Kind.HF_DAILY, "interval_minutes": 6 * 60}
        )
        state = "created" if created else "already there"
        self.stdout.write(
            f"Saved feed {feed.name!r} ({feed.schedule}, {'enabled' if feed.enabled else 'disabled'}): {state}."
        )
        self.stdout.write(f"{SavedFeed.objects.filter(enabled=True).count()} saved feeds enabled.")
