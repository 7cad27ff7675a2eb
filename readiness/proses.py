"""Whether a process still runs: the work folders and request files a process leaves (an upload's
worker job, a backup's copy request) are litter once their process is gone."""

from __future__ import annotations

import os


def hidup(pid: int) -> bool:
    """Whether the process `pid` still runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
