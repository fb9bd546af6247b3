"""The old paperswithcode.com API (`/api/v1/` of the site), as `paperswithcode-client` 0.3.1 reads it."""
