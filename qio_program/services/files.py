"""Checks on every uploaded file: type by extension AND by content, size, encoding.

A file is refused with a reason the user can act on; nothing a client says about a file (its
content type, its name) is trusted or used to store it.
"""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

from qis_portal.uploads import FileType, content_matches

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
SPL_CSV_MAX_BYTES = 20 * 1024 * 1024


_OOXML = "application/vnd.openxmlformats-officedocument."
ATTACHMENT_KINDS: dict[str, FileType] = {
    ".pdf": FileType(label="PDF", content_type="application/pdf"),
    ".docx": FileType(label="Word (DOCX)", content_type=f"{_OOXML}wordprocessingml.document"),
    ".xlsx": FileType(label="Excel (XLSX)", content_type=f"{_OOXML}spreadsheetml.sheet"),
    ".png": FileType(label="PNG image", content_type="image/png"),
    ".jpg": FileType(label="JPEG image", content_type="image/jpeg"),
    ".jpeg": FileType(label="JPEG image", content_type="image/jpeg"),
    ".txt": FileType(label="plain text", content_type="text/plain"),
}
ALLOWED_ATTACHMENT_TEXT = "PDF, DOCX, XLSX, PNG, JPEG or TXT, up to 10 MB"


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def check_attachment(upload) -> CheckedFile:
    """Refuse anything but the six allowed types, checked by extension and by magic bytes."""
    name = PurePath(upload.name or "").name
    ext = PurePath(name.lower()).suffix
    kind = ATTACHMENT_KINDS.get(ext)
    if kind is None:
        raise ValidationError(
            f"“{name}” is not an allowed file type. Attach {ALLOWED_ATTACHMENT_TEXT}.",
            code="file_type")
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"“{name}” is {upload.size / 1024 / 1024:.1f} MB; files may be up to 10 MB.",
            code="file_size")
    data = _read_all(upload)
    if not data:
        raise ValidationError(f"“{name}” is empty.", code="file_empty")
    if not content_matches(ext.lstrip("."), upload):
        raise ValidationError(
            f"“{name}” does not contain what its name says ({kind.label}); it was refused.",
            code="file_content")
    safe_name = get_valid_filename(name) or f"attachment{ext}"
    return CheckedFile(safe_name[:200], ext, kind.content_type, len(data),
                       hashlib.sha256(data).hexdigest())


def check_spl_csv(upload) -> str:
    """An SPL file is a UTF-8 CSV of at most 20 MB; returns its text (BOM removed)."""
    name = PurePath(upload.name or "").name
    if PurePath(name.lower()).suffix != ".csv":
        raise ValidationError(f"“{name}” is not a CSV file; upload a .csv file.",
                              code="file_type")
    if upload.size > SPL_CSV_MAX_BYTES:
        raise ValidationError(
            f"“{name}” is {upload.size / 1024 / 1024:.1f} MB; an SPL file may be up to 20 MB.",
            code="file_size")
    data = _read_all(upload)
    if not data.strip():
        raise ValidationError(f"“{name}” is empty.", code="file_empty")
    if b"\x00" in data:
        raise ValidationError(f"“{name}” is not a text file.", code="file_content")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"“{name}” is not UTF-8 text (byte {exc.start + 1} cannot be read). Save it as "
            "“CSV UTF-8” and upload it again.", code="file_encoding") from exc
