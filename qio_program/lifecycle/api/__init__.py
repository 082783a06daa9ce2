"""The lifecycle REST API (mounted at /api/lifecycle/): the same scoping and permissions as the
pages. Transitions are POST actions; an illegal step answers 409 (WorkflowConflict), a missing
permission 403, another QIO's object 404."""
