"""Field reports on election day (being split into modules)."""
from .writer import *  # noqa: F401,F403
