"""FQS pages: thin views over fqs.selectors and fqs.services."""
