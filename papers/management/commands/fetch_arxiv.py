from papers.feeds import ArxivQuery
from papers.management.feed_command import FeedCommand, iso_day, positive


class Command(FeedCommand):
    help = (
        "Fetch the papers of an arXiv API search (newest first, paced at one request every 3 seconds) and "
        "import them; a run that failed midway is resumed."
    )

    def add_feed_arguments(self, parser):
        parser.add_argument(
            "--query", required=True, help='An arXiv search query, e.g. "cat:cs.CL AND abs:benchmark".'
        )
        parser.add_argument(
            "--since", type=iso_day, metavar="DATE", help="Only papers submitted on or after it."
        )
        parser.add_argument("--max", type=positive, metavar="N", help="Fetch at most N papers.")

    def feed(self, options) -> ArxivQuery:
        return ArxivQuery(query=options["query"].strip(), since=options["since"], max_results=options["max"])
