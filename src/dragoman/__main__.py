"""`python -m dragoman ...`: the same command line as `dragoman ...`."""

import sys

from .cli import main

sys.exit(main())
