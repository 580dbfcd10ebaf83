from pulih.cli import main

raise SystemExit(main())
