"""The development mail backend: each email printed as a person would read it.

Django's console backend prints the raw message, whose body is quoted-printable once a line is long:
a link breaks with "=" at the end of a line and "=3D" in place of "=", so it no longer works when
copied from the terminal. This one prints the headers a person sees and the decoded plain text
(email.message.EmailMessage.get_content), so every link is whole.
"""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

SHOWN_HEADERS = ("From", "To", "Cc", "Subject", "Date")


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        msg = message.message()
        for name in SHOWN_HEADERS:
            if msg[name]:
                self.stream.write(f"{name}: {msg[name]}\n")
        body = msg.get_body(preferencelist=("plain",))
        self.stream.write("\n")
        self.stream.write(body.get_content() if body is not None else "(no plain text)")
        self.stream.write("\n" + "-" * 79 + "\n")
