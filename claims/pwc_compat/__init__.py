"""Papers with Code compatible read APIs over our data.

`legacy/` serves the old paperswithcode.com API that `paperswithcode-client` 0.3.1 calls, `cli/` the v1
contract the Hugging Face relaunch's `pwc` command line reads. Both are thin doors onto `selectors/`.
"""
