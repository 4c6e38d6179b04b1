"""The projects screen: table, pipeline board, detail panel, forms."""
