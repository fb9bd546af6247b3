"""Drives the real `paperswithcode-client` against a server and prints what it parsed, as JSON.

Run with the Python of a virtual environment holding paperswithcode-client 0.3.1 (its pins are old, so
never the project's): `python pwc_client_drive.py http://127.0.0.1:PORT/pwc SEARCH_TEXT`. Every call
returns the client's own pydantic models; the output keeps their class names so the test can check them.
"""

import json
import sys

from paperswithcode import PapersWithCodeClient


def shown(model) -> dict:
    return {"model": type(model).__name__, **json.loads(model.json())}


def page(result) -> dict:
    return {
        "model": type(result).__name__,
        "count": result.count,
        "next_page": result.next_page,
        "previous_page": result.previous_page,
        "results": [shown(item) for item in result.results],
    }


def main(url: str, search_text: str) -> dict:
    # An old notebook's token must not get in the way of reads.
    client = PapersWithCodeClient(url=url, token="a-token-from-paperswithcode.com")
    out: dict = {
        "paper_list": page(client.paper_list(items_per_page=50)),
        "paper_list_page_2": page(client.paper_list(page=2, items_per_page=50)),
        "dataset_list": page(client.dataset_list(items_per_page=500)),
        "evaluation_list": page(client.evaluation_list(items_per_page=500)),
        "search": page(client.search(q=search_text)),
        "dataset_evaluations": {},
        "evaluations": {},
        "papers": {},
    }
    for dataset in out["dataset_list"]["results"]:
        out["dataset_evaluations"][dataset["id"]] = page(client.dataset_evaluation_list(dataset["id"]))
    paper_ids = set()
    for table in out["evaluation_list"]["results"]:
        results = page(client.evaluation_result_list(table["id"], items_per_page=500))
        out["evaluations"][table["id"]] = {
            "table": shown(client.evaluation_get(table["id"])),
            "metrics": page(client.evaluation_metric_list(table["id"])),
            "results": results,
        }
        paper_ids.update(row["paper"] for row in results["results"])
    for paper_id in sorted(paper_ids):
        out["papers"][paper_id] = {
            "paper": shown(client.paper_get(paper_id)),
            "results": page(client.paper_result_list(paper_id)),
        }
    try:
        client.evaluation_delete(out["evaluation_list"]["results"][0]["id"])
    except Exception as error:  # the client raises its HttpClientError; report what it says
        out["delete"] = {"status_code": getattr(error, "status_code", None), "message": str(error)}
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
