import sys

from clusterlab.cli import main

sys.exit(main())
