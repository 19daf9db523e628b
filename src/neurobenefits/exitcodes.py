"""The exit codes of every command, documented in README.md and in `neurobenefits --help`."""

OK = 0  # the answer was found and printed
NOT_FOUND = 1  # nothing matched: no such benefit, no search result
USAGE = 2  # the command line was wrong, or an option cannot be honoured
CATALOGUE = 3  # a catalogue file is missing, unreadable or invalid
OUTPUT = 4  # the output could not be written (a file exists, a disk is full)
INTERNAL = 70  # a bug: an error the program did not expect (sysexits' EX_SOFTWARE)
INTERRUPTED = 130  # Ctrl-C

SUMMARY = (
    "Exit codes: 0 found, 1 nothing found, 2 bad usage, 3 invalid catalogue,\n"
    "4 output not written, 70 internal error, 130 interrupted."
)
