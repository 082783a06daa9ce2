"""Attachment checks: allowed types by extension AND by their first bytes, a 10 MB cap, and a
server-generated storage name (the uploaded name is kept only for display and download)."""

import uuid

from qis_portal import uploads
from qis_portal.uploads import FileType, allowed_label, extension_of

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    "pdf": FileType("application/pdf", "PDF"),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "DOCX"),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "XLSX"),
    "png": FileType("image/png", "PNG"),
    "jpg": FileType("image/jpeg", "JPEG"),
    "jpeg": FileType("image/jpeg", "JPEG"),
    "txt": FileType("text/plain", "TXT"),
}
ALLOWED_LABEL = allowed_label(ATTACHMENT_TYPES)


def validate_upload(upload) -> str:
    """Return the content type to serve the file with, or raise ValidationError."""
    return uploads.validate_upload(upload, types=ATTACHMENT_TYPES,
                                   max_bytes=MAX_UPLOAD_BYTES).content_type


def storage_name(request_id: int, original_name: str) -> str:
    """fqs/requests/<request>/<random>.<ext>: nothing of the uploaded name but its extension."""
    return f"fqs/requests/{request_id}/{uuid.uuid4().hex}.{extension_of(original_name)}"
