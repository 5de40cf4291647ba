"""strategiqa.eval."""
