"""Text given on the command line for a handout (--title, --for, --notes): plain text only.

Refused: bytes that are not UTF-8 (the shell passed `$'\\xff'`; Python holds them as lone
surrogates), which cannot be written into a UTF-8 file, and control characters (an escape
sequence, a bidi override), which would reach whoever prints or views the file. Line
breaks (LF, CRLF, CR) and tabs are text.
"""

from __future__ import annotations

from ..errors import BadRequest
from ..streams import first_hidden, visible


class NotPlainText(BadRequest):
    """The option's value is not plain text; the message says which character and why."""


def plain_text(option: str, value: str | None) -> str | None:
    """`value` stripped, None when blank; NotPlainText when it holds what is refused."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise NotPlainText(
            f"{option} holds a byte that is not UTF-8 text ({visible(value[error.start])}); "
            "check the terminal's character encoding."
        ) from None
    value = value.replace("\r\n", "\n").replace("\r", "\n")  # line breaks of any system
    hidden = first_hidden(value.replace("\n", " ").replace("\t", " "))
    if hidden is not None:
        raise NotPlainText(f"{option} holds a control character ({hidden}); give plain text.")
    return value.strip() or None
