"""``python -m eqdiv`` runs the command line."""

from eqdiv.cli.app import main

main()
