from django.core.management.base import CommandError
from django.utils import timezone

from papers.feeds import HfDaily
from papers.management.feed_command import FeedCommand, iso_day


class Command(FeedCommand):
    help = (
        "Fetch the Hugging Face daily papers of one date (today by default) or of a range of dates and "
        "import them; a run that failed midway resumes at the date it stopped on."
    )

    def add_feed_arguments(self, parser):
        parser.add_argument("--date", type=iso_day, metavar="D", help="One date (default: today).")
        parser.add_argument(
            "--from", dest="first", type=iso_day, metavar="D", help="The first date of a range."
        )
        parser.add_argument("--to", dest="last", type=iso_day, metavar="D", help="The last date of a range.")

    def feed(self, options) -> HfDaily:
        day, first, last = options["date"], options["first"], options["last"]
        if day and (first or last):
            raise CommandError("give either --date or --from/--to, not both")
        if bool(first) != bool(last):
            raise CommandError("--from and --to go together")
        if day or not first:
            day = day or timezone.localdate()
            return HfDaily(first=day, last=day)
        return HfDaily(first=first, last=last)
