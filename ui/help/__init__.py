"""帮助: the quick-start guide, the keyboard shortcuts, 关于 and the log folder."""
