"""Tests: a fast password hasher and a throwaway key. The index directory is set per test (tmp_index)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING["loggers"]["articles"]["level"] = "WARNING"  # noqa: F405
