"""A QIO's private community is created with the QIO (issue #10: "one per QIO, auto-created").
Connected in apps.py; the work is the community_ensure service."""


def create_community(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return  # loading fixtures: the community rows come with them
    from .services import community_ensure

    community_ensure(organization=instance)
