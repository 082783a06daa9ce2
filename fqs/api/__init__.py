"""FQS REST API under /api/fqs/ (DRF, cursor pagination, transitions as POST actions)."""
