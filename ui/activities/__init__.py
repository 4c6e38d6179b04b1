"""Activities screen."""
