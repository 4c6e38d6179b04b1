"""Domain services: validate, write in the caller's transaction, return what changed.

Every function takes the session first and keyword-only arguments after it.
"""
