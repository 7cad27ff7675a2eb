"""App users, their login and sessions; see percobaan.py. The Pengguna page's table: tabel.py."""

from . import tabel  # noqa: F401
from .percobaan import *  # noqa: F401,F403
from .percobaan import _cocok, _hasher  # noqa: F401
