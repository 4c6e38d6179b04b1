"""The analysis screen (分析): a measure by one or two dimensions, table and chart."""
