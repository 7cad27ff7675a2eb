"""Uploaded files held once by the server, and on disk rather than in memory while they are checked
and saved.

Streamlit keeps each upload's bytes (its uploaded-file manager) and gives the page `UploadedFile`
objects, BytesIO over those same bytes (copy-on-write: shared until written to). But a widget's
value reaches the page as a `deepcopy`, and BytesIO's deepcopy copies the whole content: one more
file's size in the server at every run of a page with a file in its uploader (a whole kabupaten's
list: 71 MiB more each time). `pasang` gives UploadedFile a deepcopy that shares the bytes instead,
copy-on-write as before: neither copy can change what the other reads.

`di_disk` writes each file the uploader gives to a private file of its own (the job folders'
parent, 0700; the file 0600) once, then lets go of every copy of its bytes Streamlit holds: the
manager's record (its public `remove_file`, what the uploader's own delete request calls) and the
widget's value and the page's copy (emptied: a BytesIO truncated to nothing lets go of the buffer
it shared; not closed, since Streamlit's test harness reads the widget's value again). From then on
the uploader still shows the file (the browser keeps its name and size) and gives the page a
`DeletedFile` with its id, which `di_disk` answers with the file on disk: its name, size, SHA-256
and path, for a check or a save as often as needed, without asking for the file again. A file
taken out of the uploader, or dropped after a save, goes from disk with its `Berkas`."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec


def _salinan(self: UploadedFile, memo: dict) -> UploadedFile:
    copy = UploadedFile(UploadedFileRec(self.file_id, self.name, self.type, self.getvalue()), self._file_urls)
    copy.size = self.size  # an emptied file (its bytes let go once on disk, lepas_salinan) keeps its size
    copy.seek(self.tell())
    memo[id(self)] = copy
    return copy


def pasang() -> None:
    """Uploaded files deep-copied without copying their bytes (for every session of the process)."""
    UploadedFile.__deepcopy__ = _salinan


@dataclass(eq=False)
class Berkas:
    """An uploaded file kept on disk for its session: what the page and the worker need of it. Its
    folder goes with the last reference to it."""

    file_id: str
    name: str
    size: int
    sha256: str
    path: Path

    def __post_init__(self):
        self._hapus = weakref.finalize(self, shutil.rmtree, str(self.path.parent), True)

    def __fspath__(self) -> str:
        return str(self.path)

    def hapus(self) -> None:
        """Remove the file now (taken out of the uploader, or saved)."""
        self._hapus()

    def segarkan(self) -> None:
        """Mark the folder as in use (left-over job folders are removed by age)."""
        try:
            os.utime(self.path.parent)
        except OSError:
            pass


def _tulis(f, dasar: Path) -> Berkas:
    data = f.getvalue()  # the bytes Streamlit holds, not a copy of them
    folder = Path(tempfile.mkdtemp(prefix="berkas-", dir=dasar))  # 0700
    path = folder / "berkas"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return Berkas(f.file_id, f.name, len(data), hashlib.sha256(data).hexdigest(), path)


def simpan(uploads, dasar: Path, known: dict[str, Berkas]) -> list[Berkas]:
    """The uploader's files (`uploads`: UploadedFile, or DeletedFile once its bytes were let go) as
    files on disk in `dasar`, each written once and remembered in `known` (file id -> Berkas);
    files no longer in the uploader are forgotten (and removed from disk). A DeletedFile that was
    never written (its bytes gone before this run saw them) is left out."""
    files = []
    for f in uploads:
        berkas = known.get(f.file_id)
        if berkas is None and isinstance(f, UploadedFile):
            berkas = known[f.file_id] = _tulis(f, dasar)
        if berkas is not None:
            berkas.segarkan()
            files.append(berkas)
    for file_id in set(known) - {f.file_id for f in uploads}:
        known.pop(file_id).hapus()
    return files


def lepas_salinan(manager, session_id: str, files: list[Berkas], *values) -> None:
    """Let go of Streamlit's copies of the bytes of `files`, now on disk: the uploaded-file
    manager's record of this session, and the UploadedFile objects in `values` (lists of them: the
    widget's value, the page's copy), emptied: truncating a BytesIO drops the bytes it shared."""
    for berkas in files:
        manager.remove_file(session_id, berkas.file_id)
    ids = {b.file_id for b in files}
    for value in values:
        for f in value or []:
            if isinstance(f, UploadedFile) and f.file_id in ids and not f.closed:
                f.seek(0)
                f.truncate(0)


def di_disk(value, dasar: Path, known: dict[str, Berkas], *copies) -> list[Berkas]:
    """`simpan` of the uploader's whole value (`st.session_state[key]`: its files, DeletedFile
    included, which the uploader's return value leaves out), then Streamlit's copies of their bytes
    let go (lepas_salinan) for this session, the widget's value and `copies` (the page's lists of
    the same files) emptied: the server holds an upload's bytes only while it arrives and is
    written out."""
    uploads = value if isinstance(value, list) else [value] if value is not None else []
    files = simpan(uploads, dasar, known)
    ctx = get_script_run_ctx()
    if ctx is not None:
        lepas_salinan(ctx.uploaded_file_mgr, ctx.session_id, files, uploads, *copies)
    return files
