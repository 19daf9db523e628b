"""Finding: resolving what a person typed, searching, and the rules of what to answer."""
