"""``python -m eqdiv`` runs the command line."""

from eqdiv.cli.entry import main

main()
