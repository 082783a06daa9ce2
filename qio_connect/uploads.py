"""What the library accepts: its file types and size caps (checked by
`qis_portal.uploads.validate_upload`, extension AND content)."""

from qis_portal.uploads import FileType

MB = 1024 * 1024
DOCUMENT_MAX_BYTES = 25 * MB
VIDEO_MAX_BYTES = 200 * MB
CAPTIONS_MAX_BYTES = 1 * MB

DOCUMENT_TYPES = {
    "pdf": FileType("application/pdf", "PDF"),
    "docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "Word (.docx)"),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint (.pptx)"),
}
VIDEO_TYPES = {"mp4": FileType("video/mp4", "MP4 video")}
CAPTION_TYPES = {"vtt": FileType("text/vtt", "WebVTT captions")}
