"""A progress bar for management commands: shown on a terminal, silent in logs and CI."""

from tqdm import tqdm


def progress_bar(*, desc: str, total: int | None = None, unit: str = "records", stream=None) -> tqdm:
    return tqdm(total=total, desc=desc, unit=unit, file=stream, disable=None, leave=False, dynamic_ncols=True)
