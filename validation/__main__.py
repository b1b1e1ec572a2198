"""`python -m validation`: see `validation._cli`."""

import sys

from validation._cli import main

if __name__ == "__main__":
    sys.exit(main())
