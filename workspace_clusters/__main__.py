"""`python -m workspace_clusters`."""

import sys

from .cli import main

sys.exit(main())
