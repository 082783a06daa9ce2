"""Core forms: sign-in (with the lockout message), TOTP and recovery codes, tokens,
notification switches."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from qis_portal.models import User
from qis_portal.notification_kinds import MANDATORY_KINDS, NOTIFICATION_KINDS
from qis_portal.services.mfa import RECOVERY_CODE, TOTP_CODE, normalize_code


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "username",
                                                               "autofocus": True}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "The email address or password is not correct. After 3 failed "
                         "attempts within 15 minutes the account is locked for 30 minutes.",
        "locked": "This account is locked after 3 failed sign-in attempts. Try again after "
                  "%(until)s, or contact your Security Officer.",
    }

    def clean(self):
        # django.contrib.auth.authenticate() swallows the backend's AccountLocked (it only stops
        # the backend chain), so a failed sign-in asks whether the account is now locked.
        try:
            return super().clean()
        except forms.ValidationError:
            email = (self.cleaned_data.get("username") or "").lower()
            user = User.objects.filter(email=email).first()
            if user is not None and user.is_locked():
                until = timezone.localtime(user.locked_until)
                raise forms.ValidationError(
                    self.error_messages["locked"], code="locked",
                    params={"until": f"{until:%H:%M %Z}"},
                ) from None
            raise


class TotpCodeForm(forms.Form):
    code = forms.RegexField(
        label="6-digit code from your authenticator app", regex=r"^\d{6}$",
        error_messages={"invalid": "Enter the 6 digits your authenticator app shows."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "maxlength": 6}),
    )


class SecondFactorForm(forms.Form):
    """The sign-in's second step: the authenticator's code, or one recovery code."""

    code = forms.CharField(
        label="6-digit code from your authenticator app, or a recovery code",
        max_length=32, widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if not (TOTP_CODE.match(code) or RECOVERY_CODE.match(code)):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows, or "
                                        "one of your 8-character recovery codes.")
        return code


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="Token name", max_length=100,
                           help_text="Say what will use it, e.g. “nightly HIOS export”.")


class NotificationSettingsForm(forms.Form):
    """Two switches per kind: in the portal, and by email (none for the mandatory kinds)."""

    def __init__(self, *args, prefs: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in self.switchable():
            pref = prefs.get(kind)
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=f"{label} — in the portal", required=False,
                initial=pref.in_app if pref else True,
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=f"{label} — by email", required=False,
                initial=pref.email if pref else True,
            )

    @staticmethod
    def switchable():
        return [(kind, label) for kind, label in NOTIFICATION_KINDS.items()
                if kind not in MANDATORY_KINDS]

    def choices(self):
        for kind, _label in self.switchable():
            yield kind, self.cleaned_data[f"{kind}__in_app"], self.cleaned_data[f"{kind}__email"]
