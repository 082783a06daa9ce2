"""OPERATIONS.md's backup is real: pg_dump and pg_restore bring every row back."""

import shutil
import subprocess

import pytest
from django.apps import apps
from django.db import connection

from qis_portal.demo import seed_organizations, seed_users
from qis_portal.services.audit import audit_record

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def psql(db: str, sql: str) -> str:
    params = connection.settings_dict
    return subprocess.run(
        ["psql", "-h", params["HOST"], "-p", str(params["PORT"]), "-U", params["USER"],
         "-d", db, "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()


def test_a_dump_restored_into_a_new_database_has_every_row(tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore are needed (PostgreSQL client tools)")
    seed_users(seed_organizations())
    audit_record(action="backup.test", note="ünïcode ✓ survives")
    params = connection.settings_dict
    source, target = params["NAME"], f"{params['NAME']}_restore"
    conn_args = ["-h", params["HOST"], "-p", str(params["PORT"]), "-U", params["USER"]]
    dump = tmp_path / "portal.dump"
    subprocess.run(["pg_dump", *conn_args, "-Fc", "-f", str(dump), source], check=True)
    psql("postgres", f'DROP DATABASE IF EXISTS "{target}"')
    psql("postgres", f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(["pg_restore", *conn_args, "--no-owner", "-d", target, str(dump)],
                       check=True)
        tables = [m._meta.db_table for m in apps.get_models() if m._meta.managed]
        for table in tables:
            assert psql(target, f'SELECT count(*) FROM "{table}"') == psql(
                source, f'SELECT count(*) FROM "{table}"'), table
        assert psql(target, "SELECT note FROM qis_portal_auditevent "
                            "WHERE action = 'backup.test'") == "ünïcode ✓ survives"
    finally:
        psql("postgres", f'DROP DATABASE IF EXISTS "{target}"')
