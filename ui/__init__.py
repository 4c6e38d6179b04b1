"""The PySide6 desktop client. Screens reach the core through crm functions only (no SQL here)."""
