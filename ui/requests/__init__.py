"""Enterprise requests (企业诉求) and key enterprises (重点企业) screens."""
