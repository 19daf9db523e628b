"""The problems the core can report, each with its message and its kind.

The core raises them; a face decides what each kind means to its user (the command line
maps each kind to an exit code in one place, endings.py's `EXIT_CODES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .catalogue.problems import Problem


class Kind(Enum):
    NOT_FOUND = "not found"  # nothing matched what was asked for
    USAGE = "usage"  # what was asked for cannot be understood or honoured
    CATALOGUE = "catalogue"  # a catalogue file is missing, unreadable or invalid
    OUTPUT = "output"  # the answer could not be written


class NeurobenefitsError(Exception):
    """A problem to tell the person about: one message (one line, or one per problem)."""

    kind: ClassVar[Kind]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def lines(self) -> list[str]:
        """What to tell the person, one line each."""
        return [self.message]


class NothingFound(NeurobenefitsError):
    kind = Kind.NOT_FOUND


class BadRequest(NeurobenefitsError):
    kind = Kind.USAGE


class OutputFailed(NeurobenefitsError):
    kind = Kind.OUTPUT


class CatalogueError(NeurobenefitsError):
    """The catalogue could not be loaded; each problem names the file, entry and field."""

    kind = Kind.CATALOGUE

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = list(problems)

    @property
    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]
