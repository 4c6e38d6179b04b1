"""Dashboard screen."""
