"""neurobenefits: a command-line reference to the benefits of neuro massage."""

# The one place the version is kept: hatchling reads it for the build ([tool.hatch.version]),
# and `--version` prints it without importlib.metadata, which costs more than Python's start-up.
__version__ = "0.1.0"


def version_line() -> str:
    """What `--version` prints, whichever way in answers it."""
    return f"neurobenefits {__version__}\n"
