"""An uploaded file reaches the page without a second copy of its bytes in the server: Streamlit
hands a widget's value over as a deepcopy, and the copy of an uploaded file shares the bytes
Streamlit holds until one of them is written to."""

from copy import deepcopy

from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

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
