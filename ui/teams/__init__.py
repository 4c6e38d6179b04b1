"""Teams screen."""
