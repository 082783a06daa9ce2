"""ASVS 2.1: at least 12 characters, and not on the common-password list."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


def test_an_11_character_password_is_refused(cor_bob):
    with pytest.raises(ValidationError) as error:
        validate_password("Xq7#mP2!vL9", cor_bob)
    assert "at least 12 characters" in str(error.value)


def test_a_common_password_is_refused_even_when_long(cor_bob):
    with pytest.raises(ValidationError) as error:
        validate_password("password1234", cor_bob)
    assert "too common" in str(error.value)


def test_a_12_character_uncommon_password_is_accepted(cor_bob):
    validate_password("Xq7#mP2!vL9z", cor_bob)


def test_password_reset_sends_a_one_time_link(client, cor_bob, mailoutbox):
    response = client.post("/accounts/password-reset/", {"email": cor_bob.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_reset_pages_are_open_without_signing_in(client):
    assert client.get("/accounts/password-reset/").status_code == 200
