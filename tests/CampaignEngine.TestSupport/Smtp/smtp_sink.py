"""An aiosmtpd handler for the tests: stores every accepted message as a .eml file and refuses
the recipients named on the command line with 550, like a real server refusing an unknown mailbox.

python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.FileSink FOLDER [rejected@a,rejected@b]
"""
import os
import uuid


class FileSink:
    def __init__(self, folder, rejected=""):
        self.folder = folder
        self.rejected = {a.strip().lower() for a in rejected.split(",") if a.strip()}
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if not args:
            parser.error("FileSink needs a folder")
        return cls(*args[:2])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # The client's port names the connection, so a test can tell whether connections were reused.
        name = "%s-%s" % (session.peer[1], uuid.uuid4().hex)
        temporary = os.path.join(self.folder, name + ".tmp")
        # Write then rename, so the test never reads half a message.
        with open(temporary, "wb") as f:
            f.write(envelope.original_content)
        os.replace(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"
