"""strategiqa.app."""
