"""Discord features, one package each; every package's ``__init__`` holds only ``setup()``."""
