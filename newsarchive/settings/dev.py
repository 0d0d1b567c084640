"""Local development: the base settings with a throwaway secret key. DEBUG stays off unless ARSIP_DEBUG=1."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
