"""neurobenefits: a command-line reference to the benefits of neuro massage."""
