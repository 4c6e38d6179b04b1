"""同步 Sync: packages, the server, peers, conflicts and possible duplicates."""
