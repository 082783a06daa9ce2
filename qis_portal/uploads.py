"""What every upload check shares: a file's extension, a harmless display name, and whether its
content is what its extension claims (magic bytes; for Office files, the package part that
makes a ZIP a document, a workbook or a deck). Each app keeps its own list of allowed types and
size caps; none trusts the name or content type a client sends.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# The part every genuine Office Open XML file of that kind contains.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml",
               "pptx": "ppt/presentation.xml"}


def extension_of(name: str) -> str:
    """"Report.PDF" -> "pdf" (no dot, lower case)."""
    return PurePath(name or "").suffix.lower().lstrip(".")


def safe_display_name(name: str) -> str:
    """The uploaded name reduced to a harmless file name for display and download headers."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ()]", "_", base).strip(" .") or "file"
    return base[-200:]


def _head(upload, count: int) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head


def _ooxml_has(upload, part: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and part in names


def _is_utf8_text(upload) -> bool:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def content_matches(ext: str, upload) -> bool:
    """True when the file's bytes are a file of type `ext`; False for any type not known here."""
    head = _head(upload, 16)
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext in _OOXML_PART:
        return head.startswith(b"PK\x03\x04") and _ooxml_has(upload, _OOXML_PART[ext])
    if ext == "mp4":  # ISO base media file: a box size, then the "ftyp" box type
        return len(head) >= 12 and head[4:8] == b"ftyp"
    if ext == "vtt":
        return head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    if ext == "txt":
        return _is_utf8_text(upload)
    return False


@dataclass(frozen=True)
class FileType:
    content_type: str  # what the file is served as
    label: str  # what users are told it is


def _size_text(size: int) -> str:
    """"10 MB" for a whole number of megabytes, else Django's "1.5 MB"."""
    mib = 1024 * 1024
    return f"{size // mib} MB" if size % mib == 0 else filesizeformat(size)


def allowed_label(types: dict[str, FileType]) -> str:
    """"PDF, DOCX or TXT": each kind once, in the order given."""
    labels = list(dict.fromkeys(t.label for t in types.values()))
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def validate_upload(upload, *, types: dict[str, FileType], max_bytes: int,
                    field: str = "file") -> FileType:
    """The file's type (its extension one of `types`, its bytes that type, its size at most
    `max_bytes`), or a ValidationError on `field` that says what to upload instead."""
    ext = extension_of(getattr(upload, "name", ""))
    if ext not in types:
        raise ValidationError({field: f"Only {allowed_label(types)} files are accepted."})
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError({field: "The file is empty."})
    if size > max_bytes:
        raise ValidationError({field: f"A file may be at most {_size_text(max_bytes)}."})
    if not content_matches(ext, upload):
        raise ValidationError({field: f"The file's contents are not a valid .{ext} file."})
    return types[ext]
