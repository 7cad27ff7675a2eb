"""The problem inventory (inventarisasi permasalahan); see isian.py. Tables for the pages: tabel.py."""

from . import tabel  # noqa: F401
from .isian import *  # noqa: F401,F403
from .isian import _now  # noqa: F401
