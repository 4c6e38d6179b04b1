"""The Briefs screen (简报): period and scope pickers, a live preview of the printable brief,
save PDF, print, export xlsx."""
