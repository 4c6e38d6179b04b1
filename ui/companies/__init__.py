"""Companies screen."""
