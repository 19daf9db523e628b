"""Reading and checking: catalogue files read safely, checked, stacked, cached, built into the model."""
