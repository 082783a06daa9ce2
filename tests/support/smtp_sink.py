"""A tiny SMTP server for tests: it accepts every message and records it, so a test counts
what actually reached the SMTP side (and each message's Message-ID).

With `hold` set, the server takes the whole message, records it, and then waits before it
answers "250 OK": a test can kill the sender at exactly that moment, when the message has
been delivered but the sender does not know it yet.
"""

import socketserver
import threading
from email import message_from_bytes


class SmtpSink:
    def __init__(self):
        self.messages: list = []
        self.received = threading.Event()  # set after each recorded message
        self.hold = threading.Event()  # set: wait after DATA until release() (or timeout)
        self._release = threading.Event()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink._converse(self.rfile, self.wfile)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        self.hold.clear()
        self._release.set()

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.messages]

    def _converse(self, rfile, wfile):
        def reply(line: str) -> None:
            wfile.write(f"{line}\r\n".encode())
            wfile.flush()

        reply("220 sink ready")
        while line := rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                reply("250 sink")
            elif verb == "DATA":
                reply("354 end with <CRLF>.<CRLF>")
                self._read_message(rfile)
                if self.hold.is_set():
                    self._release.wait(timeout=60)
                try:
                    reply("250 OK queued")
                except OSError:
                    return  # the sender is gone
            elif verb == "QUIT":
                reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                reply("250 OK")

    def _read_message(self, rfile) -> None:
        lines = []
        while (line := rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        self.messages.append(message_from_bytes(b"".join(lines)))
        self.received.set()
