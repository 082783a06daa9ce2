"""Pages of the QIO program: thin views over selectors (reads) and services (writes)."""
