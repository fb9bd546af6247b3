from papers.feeds import OaiHarvest
from papers.management.feed_command import FeedCommand, iso_day


class Command(FeedCommand):
    help = (
        "Harvest an arXiv OAI-PMH set (ListRecords, metadataPrefix=arXiv) between two dates and import it, "
        "following resumption tokens; a run that failed midway resumes from its token."
    )

    def add_feed_arguments(self, parser):
        parser.add_argument(
            "--set", required=True, dest="set_spec", help="An OAI set: cs, math, physics:hep-th, ..."
        )
        parser.add_argument(
            "--from",
            required=True,
            dest="since",
            type=iso_day,
            metavar="DATE",
            help="Records changed on or after it.",
        )
        parser.add_argument("--until", type=iso_day, metavar="DATE", help="Records changed on or before it.")

    def feed(self, options) -> OaiHarvest:
        return OaiHarvest(
            set_spec=options["set_spec"].strip(), since=options["since"], until=options["until"]
        )
