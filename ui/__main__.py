"""`python -m ui` starts the desktop client."""

from ui.app import main

raise SystemExit(main())
