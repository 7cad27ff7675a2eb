"""An uploaded file reaches the page without a second copy of its bytes in the server: Streamlit
hands a widget's value over as a deepcopy, and the copy of an uploaded file shares the bytes
Streamlit holds until one of them is written to. Once the page has written it to disk, Streamlit
holds no copy at all."""

import hashlib
import sys
from copy import deepcopy
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

from streamlit.elements.widgets import file_uploader
from streamlit.proto.Common_pb2 import FileUploaderState, FileURLs
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import DeletedFile, UploadedFile, UploadedFileRec

from app import berkas_unggah


def test_the_page_gets_the_uploaded_bytes_themselves_and_cannot_change_them():
    berkas_unggah.pasang()
    data = b"NIK;NAMA;TPS\n" + b"3513010101800001;WIRA SENTA;001\n" * 2000
    held = UploadedFile(UploadedFileRec("berkas-1", "dpt.csv", "text/csv", data), FileURLs())
    held.seek(13)
    (given,) = deepcopy([held])  # what st.file_uploader returns
    assert given.getvalue() is data  # the same bytes, not a copy of them
    assert (given.file_id, given.name, given.type, given.size, given.tell()) == (
        "berkas-1",
        "dpt.csv",
        "text/csv",
        len(data),
        13,
    )
    given.write(b"X")  # a page that writes to its file writes to its own copy
    assert held.getvalue() is data and data[13:14] == b"3"
    assert given.getvalue()[13:14] == b"X"


def _uploader_state(*files) -> FileUploaderState:
    """What the browser sends back on each run for an uploader showing these files (id, name, size)."""
    state = FileUploaderState()
    for file_id, name, size in files:
        info = state.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, name, size
    return state


def _uploader_value(manager, session_id, state):
    """The uploader's value on a run (st.session_state[key]): each file Streamlit still holds, or a
    DeletedFile for one it let go."""
    ctx = SimpleNamespace(uploaded_file_mgr=manager, session_id=session_id)
    with mock.patch.object(file_uploader, "get_script_run_ctx", return_value=ctx):
        return file_uploader.FileUploaderSerde(True).deserialize(state)


def test_an_upload_is_written_to_disk_once_and_streamlit_lets_go_of_its_bytes(tmp_path):
    """The server holds an upload once, and on disk once it is there: the manager's record and the
    copies the page got are let go; on the next runs the uploader still lists the file (by its id)
    and the page gets the same file on disk, name and content, for a check or a save as often as
    needed; a file taken out of the uploader goes from disk."""
    berkas_unggah.pasang()
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    dpt = b"NIK;NAMA;TPS\n" + b"3513010101800001;WIRA SENTA;001\n" * 2000
    held_here = sys.getrefcount(dpt)  # the references of this test alone
    rekap = b"KECAMATAN;DPT\nKRAKSAAN;1.234\n"
    shown = [("f1", "dpt kraksaan.csv", len(dpt)), ("f2", "rekap.csv", len(rekap))]
    for (file_id, name, _), data in zip(shown, (dpt, rekap)):
        manager.add_file("sesi", UploadedFileRec(file_id, name, "text/csv", data))
    value = _uploader_value(manager, "sesi", _uploader_state(*shown))
    page_copy = deepcopy(value)  # what st.file_uploader returns
    known: dict = {}
    files = berkas_unggah.simpan(value, tmp_path, known)
    berkas_unggah.lepas_salinan(manager, "sesi", files, value, page_copy)
    assert [(b.name, b.size, Path(b).read_bytes()) for b in files] == [
        ("dpt kraksaan.csv", len(dpt), dpt),
        ("rekap.csv", len(rekap), rekap),
    ]
    assert files[0].sha256 == hashlib.sha256(dpt).hexdigest()
    assert oct(Path(files[0]).stat().st_mode & 0o777) == "0o600"
    assert manager.get_files("sesi", ["f1", "f2"]) == []  # Streamlit holds no copy any more
    assert [f.getvalue() for f in [*value, *page_copy]] == [b""] * 4  # nor do the widget's value and the page's copy
    assert sys.getrefcount(dpt) == held_here  # nothing of Streamlit's holds the list's bytes
    assert deepcopy(value)[0].getvalue() == b""  # a later run's copy of the widget's old value is as empty

    again = _uploader_value(manager, "sesi", _uploader_state(*shown))  # the next run: both still shown
    assert again == [DeletedFile("f1"), DeletedFile("f2")]
    assert berkas_unggah.simpan(again, tmp_path, known) == files  # the same files on disk, not asked for again

    # The analyst takes the recap out of the uploader: it goes from disk; the list stays.
    left = berkas_unggah.simpan(_uploader_value(manager, "sesi", _uploader_state(shown[0])), tmp_path, known)
    assert left == files[:1] and Path(files[0]).exists() and not Path(files[1]).exists()
    folder = Path(files[0]).parent
    del files, left
    known.clear()  # the session ended (or the files were saved)
    assert not folder.exists()
