"""What a discreet email may show, written out by hand.

Nothing here is read from the product: a subject or preview that changes in the product must change
here too, on purpose, or the email tests fail.
"""

import re

SUBJECTS = {
    "A gentle reminder",
    "A reminder you asked for",
    "You have a new message",
    "You have a new invitation",
    "Confirm your email address",
    "Reset your password",
    "A change was made to your account",
}
PREVIEWS = {
    "There's something new for you.",
    "Someone you know has invited you to join them in a private space.",
    "Someone asked to use this email address for an account.",
    "Someone asked to reset the password for the account that uses this email address.",
    "Someone on the team that runs this service made a change to your account.",
}
SENDER_NAMES = {"Notifications"}

# Matched at the start of a word, so "partners", "therapist" and "betrayed" count too.
FORBIDDEN = (
    "infidelity",
    "affair",
    "cheat",
    "cheating",
    "betray",
    "betrayal",
    "trust",
    "sex",
    "intima",
    "intimacy",
    "consent",
    "journal",
    "therapy",
    "therapist",
    "couple",
    "partner",
    "check-in",
    "checked in",
    "repair",
    "letter",
    "apolog",
    "hurt",
    "Mend",
)
# Whole words only, so "shared" and "ignored" are fine.
COLOURS = ("red", "amber", "yellow", "green")

URL = re.compile(r"https?://[^\s\"'<>]+")

# Path segments that would say what a link is about (R38). Whole segments only: random tokens can
# spell anything inside them.
FEATURE_SEGMENTS = {
    "journal",
    "shared",
    "repair",
    "letter",
    "questions",
    "sessions",
    "exercises",
    "checkins",
    "consent",
    "couples",
    "care",
    "therapist",
    "safety",
    "pause",
}


def html_of(message) -> str:
    return next(
        (c for c, t in getattr(message, "alternatives", []) if t == "text/html"), ""
    )


def preview(message) -> str:
    """What a mail app shows beside the subject: the hidden preheader, else the first sentence."""
    hidden = re.search(
        r'(?s)<div style="[^"]*display:\s*none[^"]*">(.*?)</div>', html_of(message)
    )
    if hidden:
        return " ".join(hidden.group(1).split())
    text = " ".join(message.body.split()).removeprefix("Hello, ")
    return re.match(r".*?[.!?](?=\s|$)", text).group(0)


def visible_text(message) -> str:
    """Subject, sender name, preview, body and HTML text, each link replaced by a placeholder.

    Links carry random tokens that can spell any word, so they are checked apart, for names only.
    """
    html = html_of(message)
    html_text = re.sub(r"<[^>]+>", " ", re.sub(r'href="[^"]*"', "", html))
    parts = [
        message.subject,
        sender_name(message),
        preview(message),
        message.body,
        html_text,
    ]
    return URL.sub(" LINK ", " ".join(parts))


def sender_name(message) -> str:
    return message.from_email.split("<")[0].strip()


def assert_discreet(message, *, names: list[str]) -> None:
    """The message's subject, sender and preview are allowed ones, and nothing in it says who or why."""
    assert message.subject in SUBJECTS, message.subject
    assert sender_name(message) in SENDER_NAMES, message.from_email
    assert preview(message) in PREVIEWS, preview(message)
    text = visible_text(message)
    for word in FORBIDDEN:
        assert not re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE), word
    for word in COLOURS + tuple(names):
        assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), word
    for link in URL.findall(message.body + " " + html_of(message)):
        for name in names:
            assert name not in link, link
        path = re.sub(r"https?://[^/]+", "", link)
        assert not FEATURE_SEGMENTS & set(path.strip("/").split("/")), link
