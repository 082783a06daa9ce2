"""Small genuine files of each accepted type, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf(name: str = "guide.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n",
                              content_type="application/pdf")


def ooxml(name: str, part: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name: str = "toolkit.docx") -> SimpleUploadedFile:
    return ooxml(name, "word/document.xml")


def pptx(name: str = "slides.pptx") -> SimpleUploadedFile:
    return ooxml(name, "ppt/presentation.xml")


def mp4(name: str = "webinar.mp4") -> SimpleUploadedFile:
    head = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return SimpleUploadedFile(name, head + b"\0" * 64, content_type="video/mp4")


def vtt(name: str = "webinar.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome\n")
