"""Reads shared by views, the API and tasks; each starts from the user's scope (scope.py)."""
