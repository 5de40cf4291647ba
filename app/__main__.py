"""``python -m strategiqa.app`` runs the CLI."""

from .cli import main

main()
