"""What the benches share: statements run in the server's ``postgres`` database."""

import psycopg2


def server_sql(dsn: str, *statements: str) -> None:
    """Run statements in the server's ``postgres`` database (CREATE and DROP DATABASE), after
    closing Django's connections (when Django is loaded) so that none holds the bench database
    open."""
    from django.conf import settings
    from django.db import connections

    if settings.configured:
        connections.close_all()
    admin = psycopg2.connect(f"{dsn} dbname=postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
    admin.close()
