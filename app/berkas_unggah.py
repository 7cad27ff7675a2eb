"""Uploaded files held once by the server. Streamlit keeps each upload's bytes (its uploaded-file
manager) and gives the page `UploadedFile` objects, BytesIO over those same bytes (copy-on-write:
shared until written to). But a widget's value reaches the page as a `deepcopy`, and BytesIO's
deepcopy copies the whole content: one more file's size in the server at every run of a page with
a file in its uploader (a whole kabupaten's list: 71 MiB more each time). `pasang` gives
UploadedFile a deepcopy that shares the bytes instead, copy-on-write as before: neither copy can
change what the other reads."""

from __future__ import annotations

from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec


def _salinan(self: UploadedFile, memo: dict) -> UploadedFile:
    copy = UploadedFile(UploadedFileRec(self.file_id, self.name, self.type, self.getvalue()), self._file_urls)
    copy.seek(self.tell())
    memo[id(self)] = copy
    return copy


def pasang() -> None:
    """Uploaded files deep-copied without copying their bytes (for every session of the process)."""
    UploadedFile.__deepcopy__ = _salinan


def lepas(file_ids) -> None:
    """Let Streamlit drop the bytes of these uploads of this session now (an uploader whose files
    were saved and that the page no longer shows), rather than when the session ends."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        for file_id in file_ids:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, file_id)
