"""PES and PSA signed by a provider contact without a portal account (issue 15, item 4): from
the e-mailed one-time link (who, when, from where recorded, audited like a signed-in step), or
on paper as recorded by the QIO with the scan."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services.signatures import PaperSignature
from qio_program.models import ProviderContact, Task
from qis_portal import onetime_links
from qis_portal.models import AuditEvent, OutboundEmail
from qis_portal.onetime_links import LinkHolder
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db

LINK = re.compile(r"/links/(?P<token>[^/\s]+)/")
DANA_IP = "198.51.100.23"


@pytest.fixture
def dana(maple):
    """Maple Grove's QI lead, a contact record with no portal account."""
    return ProviderContact.objects.create(provider=maple, name="Dana Whitfield",
                                          title="Director of Nursing", is_qi_lead=True,
                                          email="dana.whitfield@maplegrove.example",
                                          phone="207-555-0142")


@pytest.fixture
def sent_psa(ne_order, maple, associate_ann):
    psa = psa_services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple,
                                  data={"provider_needs": "Infection prevention for 120 beds.",
                                        "service_response": "Monthly coaching visits."})
    return psa_services.psa_send(actor=associate_ann, psa=psa)


def emailed_token(contact) -> str:
    [mail] = OutboundEmail.objects.filter(to=contact.email)
    return LINK.search(mail.body)["token"]


def test_a_contact_signs_the_psa_from_the_emailed_link(
        client, sent_psa, dana, associate_ann, maple, django_capture_on_commit_callbacks):
    psa_services.psa_signature_link_send(actor=associate_ann, psa=sent_psa, contact=dana)
    token = emailed_token(dana)
    page = client.get(f"/links/{token}/")
    assert page.status_code == 200
    assert "Infection prevention for 120 beds." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/links/{token}/", {"decision": "sign",
                                                "signature_name": "Dana Whitfield"},
                           REMOTE_ADDR=DANA_IP)
    assert done.status_code == 200 and "You signed" in done.content.decode()
    sent_psa.refresh_from_db()
    assert (sent_psa.status, sent_psa.signature_method, sent_psa.signed_by_contact,
            sent_psa.signature_name, sent_psa.signed_ip, sent_psa.signed_by) == (
        "active", "link", dana, "Dana Whitfield", DANA_IP, None)
    step = AuditEvent.objects.get(action="providerserviceagreement.sign")
    assert (step.actor, step.actor_label, step.ip_address, step.to_state) == (
        None, dana.email, DANA_IP, "active")
    assert step.details == {"method": "link"}
    assert AuditEvent.objects.filter(action="onetime_link.use", ip_address=DANA_IP).count() == 1
    # The PSA's own consequence still follows: the AHQT task (seed 001).
    assert Task.objects.filter(auto_key=f"ahqt:provider:{maple.pk}").exists()
    again = client.post(f"/links/{token}/", {"decision": "sign", "signature_name": "Dana"})
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_a_contact_can_ask_for_changes_instead_and_the_psa_returns_to_draft(
        client, sent_psa, dana, associate_ann):
    psa_services.psa_signature_link_send(actor=associate_ann, psa=sent_psa, contact=dana)
    token = emailed_token(dana)
    response = client.post(f"/links/{token}/", {"decision": "changes",
                                                "comments": "Add weekend visits."})
    assert response.status_code == 200
    sent_psa.refresh_from_db()
    assert (sent_psa.status, sent_psa.provider_comments) == ("draft", "Add weekend visits.")


def test_signing_needs_a_typed_name_and_leaves_the_link_usable(
        client, sent_psa, dana, associate_ann):
    psa_services.psa_signature_link_send(actor=associate_ann, psa=sent_psa, contact=dana)
    token = emailed_token(dana)
    response = client.post(f"/links/{token}/", {"decision": "sign", "signature_name": " "})
    assert response.status_code == 200
    assert "Type your full name to sign." in response.content.decode()
    sent_psa.refresh_from_db()
    assert sent_psa.status == "sent"
    assert onetime_links.resolve(token)


def test_an_expired_signing_link_shows_the_refusal_and_nothing_of_the_psa(
        client, sent_psa, dana, associate_ann):
    psa_services.psa_signature_link_send(actor=associate_ann, psa=sent_psa, contact=dana)
    token = emailed_token(dana)
    with time_machine.travel(timezone.now() + timedelta(days=7), tick=False):  # 7 days on
        response = client.post(f"/links/{token}/", {"decision": "sign",
                                                    "signature_name": "Dana Whitfield"})
    assert response.status_code == 410
    assert "Infection prevention" not in response.content.decode()
    sent_psa.refresh_from_db()
    assert sent_psa.status == "sent"


def test_a_link_holder_cannot_sign_another_document(sent_psa, dana, associate_ann, ne_order,
                                                    granite):
    other = psa_services.psa_send(actor=associate_ann, psa=psa_services.psa_create(
        actor=associate_ann, task_order=ne_order, provider=granite,
        data={"provider_needs": "Falls.", "service_response": "Audits."}))
    link, token = onetime_links.create_link(purpose="psa.sign", target=sent_psa,
                                            email=dana.email)
    with pytest.raises(PermissionDenied), onetime_links.consume(
            token, purpose="psa.sign", permissions=(psa_services.SIGN,)) as holder:
        psa_services.psa_sign(actor=holder, psa=other, signature_name="Dana Whitfield")
    other.refresh_from_db()
    assert other.status == "sent"
    assert isinstance(holder, LinkHolder)


def test_a_signing_link_is_sent_only_for_a_psa_that_waits_for_a_signature(
        ne_order, maple, dana, associate_ann):
    draft = psa_services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple,
                                    data={"provider_needs": "Falls."})
    with pytest.raises(WorkflowConflict):
        psa_services.psa_signature_link_send(actor=associate_ann, psa=draft, contact=dana)
    assert not OutboundEmail.objects.exists()


def test_a_contact_without_an_email_gets_no_link(sent_psa, maple, associate_ann):
    no_mail = ProviderContact.objects.create(provider=maple, name="Sam Ortiz")
    with pytest.raises(ValidationError) as error:
        psa_services.psa_signature_link_send(actor=associate_ann, psa=sent_psa,
                                             contact=no_mail)
    assert "contact" in error.value.message_dict


def test_a_provider_user_cannot_send_signing_links(sent_psa, dana, pia):
    with pytest.raises(PermissionDenied):
        psa_services.psa_signature_link_send(actor=pia, psa=sent_psa, contact=dana)


def scan(name="signed.pdf", content=b"%PDF-1.7\n%%EOF\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_qio_records_a_paper_signature_with_its_scan(sent_psa, dana, associate_ann):
    paper = PaperSignature(contact=dana, signed_on=date(2026, 3, 6), scan=scan())
    signed = psa_services.psa_sign(actor=associate_ann, psa=sent_psa, paper=paper)
    assert (signed.status, signed.signature_method, signed.signed_by_contact,
            signed.signed_on, signed.start_date, signed.paper_scan_name) == (
        "active", "paper", dana, date(2026, 3, 6), date(2026, 3, 6), "signed.pdf")
    assert signed.paper_scan.read().startswith(b"%PDF-")
    step = AuditEvent.objects.get(action="providerserviceagreement.sign")
    assert (step.actor, step.details) == (associate_ann, {"method": "paper"})


def test_a_paper_signature_needs_a_real_scan_and_a_past_date(sent_psa, dana, associate_ann):
    with pytest.raises(ValidationError) as fake:
        psa_services.psa_sign(actor=associate_ann, psa=sent_psa, paper=PaperSignature(
            contact=dana, signed_on=date(2026, 3, 6), scan=scan(content=b"not a pdf")))
    assert "scan" in fake.value.message_dict
    with pytest.raises(ValidationError) as future:
        psa_services.psa_sign(actor=associate_ann, psa=sent_psa, paper=PaperSignature(
            contact=dana, signed_on=timezone.localdate() + timedelta(days=1), scan=scan()))
    assert "signed_on" in future.value.message_dict
    sent_psa.refresh_from_db()
    assert sent_psa.status == "sent"


def test_a_provider_user_cannot_record_a_paper_signature(sent_psa, dana, pia):
    with pytest.raises(PermissionDenied):
        psa_services.psa_sign(actor=pia, psa=sent_psa, paper=PaperSignature(
            contact=dana, signed_on=date(2026, 3, 6), scan=scan()))


def test_a_qi_lead_signs_off_the_pes_by_link_and_re_evaluation_is_due_12_months_after_submission(
        client, ne_order, maple, dana, associate_ann, cor_bob):
    """Seed 001: re-evaluated "12 months after initial submission": presented on 10 March 2026
    and signed by link on the 12th, it is due on 10 March 2027."""
    builders.approved_a3c(ne_order, "ME", associate_ann, cor_bob)
    with builders.on(date(2026, 3, 10)):
        pes = pes_services.pes_present(actor=associate_ann, pes=pes_services.pes_create(
            actor=associate_ann, task_order=ne_order, provider=maple,
            data={"qi_lead_name": "Dana Whitfield", "engagement_approach": "Monthly coaching."}))
        pes_services.pes_signature_link_send(actor=associate_ann, pes=pes, contact=dana)
    token = emailed_token(dana)
    with builders.on(date(2026, 3, 12)):
        response = client.post(f"/links/{token}/", {"decision": "sign",
                                                    "signature_name": "Dana Whitfield"})
    assert response.status_code == 200
    pes.refresh_from_db()
    assert (pes.status, pes.signed_by_contact, pes.signed_on, pes.reevaluation_due) == (
        "signed", dana, date(2026, 3, 12), date(2027, 3, 10))
