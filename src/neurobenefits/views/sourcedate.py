"""The date printed on a handout: today, or the day SOURCE_DATE_EPOCH names.

SOURCE_DATE_EPOCH (reproducible-builds.org) is whole seconds since 1970-01-01 UTC. Its
specification asks a tool to stop with an error, not to guess, when the value is malformed;
a value past the end of year 9999 cannot be a date at all.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone

from ..errors import BadRequest

VARIABLE = "SOURCE_DATE_EPOCH"
LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC: the last second a date can name
_SECONDS = re.compile(r"[0-9]{1,12}")


class BadSourceDate(BadRequest):
    """SOURCE_DATE_EPOCH is set to something that is not a time we can date."""


def handout_date(environ: dict[str, str] | os._Environ[str] | None = None) -> date:
    env = os.environ if environ is None else environ
    value = env.get(VARIABLE, "").strip()
    if not value:
        return date.today()
    if not _SECONDS.fullmatch(value) or int(value) > LAST_SECOND:
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise BadSourceDate(
            f"{VARIABLE}={shown} is not a time that can be dated: give whole seconds since "
            f"1970 (0 to {LAST_SECOND}, the end of 9999), or unset it."
        )
    return datetime.fromtimestamp(int(value), tz=timezone.utc).date()
