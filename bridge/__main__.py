"""`python -m bridge`."""

from .cli import main

# Guarded: sealing worker processes (spawn) import this module again as __mp_main__.
if __name__ == "__main__":
    raise SystemExit(main())
