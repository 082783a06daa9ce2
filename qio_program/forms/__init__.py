"""Forms of the QIO program pages (rendered with the USWDS crispy template pack)."""
