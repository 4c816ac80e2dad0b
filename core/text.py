"""Comparing what a person wrote with what they wrote before."""


def same_text(before: str, after: str) -> bool:
    """True when saving ``after`` over ``before`` changes nothing a reader would see: browsers
    send line breaks as CRLF and forms trim the ends, so neither counts as a change."""

    def normal(text: str) -> str:
        return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return normal(before) == normal(after)
