"""An upload in progress, as tests need it: db.writing's lock held by another thread."""

from __future__ import annotations

import contextlib
import threading

from readiness import db


@contextlib.contextmanager
def upload_in_progress(path, **writing):
    """Hold the analytical file's writer lock in a thread for the body of the `with`. Yields a
    function telling whether the lock is still held; the holder's own errors fail the test."""
    held, release, errors = threading.Event(), threading.Event(), []

    def upload():
        try:
            with db.writing(path, **writing):
                held.set()
                release.wait(120)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
            held.set()

    writer = threading.Thread(target=upload)
    writer.start()
    try:
        assert held.wait(60) and errors == [], errors
        yield lambda: not release.is_set() and writer.is_alive()
    finally:
        release.set()
        writer.join()
    assert errors == [], errors
