"""Settings for the test suite: the same as development, with a fast password hasher."""

from tracker.settings import *  # noqa: F403

# Tests create many users; the default PBKDF2 hasher spends most of their time hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
