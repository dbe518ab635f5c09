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
        # One line per accepted message with its envelope recipients, so a test counting thousands of messages per
        # recipient need not parse every file. One event loop writes it: lines never interleave.
        with open(os.path.join(self.folder, "envelopes.log"), "a") as log:
            log.write("%s\t%s\n" % (name, ",".join(envelope.rcpt_tos)))
        return "250 Message accepted"


def serve_auth_without_tls(host, port, folder):
    """A server that offers AUTH on a plain connection and no STARTTLS, as a server behind a man in the middle who
    strips the STARTTLS offer looks to a client. Every AUTH attempt is appended to FOLDER/auth-attempts.log
    (mechanism and login, never the password), so a test can tell whether a client sent its credentials.

    python3 smtp_sink.py auth-without-tls HOST PORT FOLDER
    """
    import asyncio
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    def authenticator(server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else "?"
        with open(os.path.join(folder, "auth-attempts.log"), "a") as log:
            log.write("%s %s\n" % (mechanism, login))
        return AuthResult(success=True)

    handler = FileSink(folder)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, authenticator=authenticator, auth_require_tls=False), host, int(port)))
    loop.run_forever()


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 5 and sys.argv[1] == "auth-without-tls":
        serve_auth_without_tls(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: smtp_sink.py auth-without-tls HOST PORT FOLDER")
