"""A real local SMTP server for the tests (DESIGN §11): aiosmtpd on a free port of 127.0.0.1, keeping every
message it receives, decoded as a mail client would read it."""

import email
import socket
import threading
from dataclasses import dataclass, field
from email import policy

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    sender: str
    subject: str
    body: str
    # (file name, content type with its parameters, decoded text or bytes) of each attachment
    attachments: list = field(default_factory=list)


class SmtpInbox:
    def __init__(self):
        self.messages: list[Received] = []
        self._lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        received = Received(
            to=list(envelope.rcpt_tos),
            sender=envelope.mail_from,
            subject=str(message["subject"]),
            body=message.get_body(("plain",)).get_content(),
            attachments=[
                (part.get_filename(), str(part["content-type"]), part.get_content())
                for part in message.iter_attachments()
            ],
        )
        with self._lock:
            self.messages.append(received)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.to]

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()
