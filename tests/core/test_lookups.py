"""An id no column can hold matches nothing, on every database, in `in` as in `exact`."""

import pytest
from django import forms

from qis_portal.models import User
from tests.factories import UserFactory

TOO_BIG = 10**30


@pytest.mark.django_db
def test_out_of_range_ids_in_an_in_lookup_match_nothing_instead_of_failing():
    user = UserFactory()
    assert list(User.objects.filter(pk__in=[TOO_BIG, user.pk])) == [user]
    assert list(User.objects.filter(pk__in=[-TOO_BIG])) == []
    assert User.objects.exclude(pk__in=[TOO_BIG]).filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_a_multiple_choice_field_refuses_an_out_of_range_id_as_an_invalid_choice():
    user = UserFactory()
    field = forms.ModelMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(user.pk), str(TOO_BIG)])
    assert refused.value.code == "invalid_choice"
    assert list(field.clean([str(user.pk)])) == [user]
