import os
import sys

from .cli import main

# Every file this process makes (databases, their WAL and lock files, decks) is private to the
# service's user, including those DuckDB creates itself.
os.umask(0o077)
try:
    sys.exit(main())
except BrokenPipeError:  # `report | head`: the reader left; not an error of ours
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
