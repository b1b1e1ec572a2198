"""`python -m either.migrate`: see `either.migrate`."""

import sys

from either.migrate import main

sys.exit(main())
