"""QIO Connect REST API (/api/connect/): library items, groups, posts, events."""
