"""Provider feedback survey: answered by the provider through its token link; responses read
only by the COR and CMS read-only users, each reading audited."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from fqs import selectors, services
from fqs.forms import SurveyForm
from fqs.models import Survey
from fqs.services.surveys import READ_ACTION, READ_REFUSAL
from qis_portal.views.common import bound, call_service, require_perm


def survey_answer(request, token: str):
    survey = selectors.survey_by_token(token)
    if survey is None:
        raise Http404
    require_perm(request, "fqs.answer_survey", survey, action="survey.answer",
                 message="This survey is for the surveyed provider.")
    if survey.status == Survey.Status.ANSWERED:
        return render(request, "fqs/survey_done.html", {"survey": survey})
    form = SurveyForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.survey_answer, form=form, survey=survey,
                            **form.cleaned_data)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Thank you: your answers were sent to CMS.")
            return redirect(request.path)
    return render(request, "fqs/survey_form.html", {"survey": survey, "form": form})


def survey_response_list(request):
    require_perm(request, "fqs.read_survey_response", action=READ_ACTION, message=READ_REFUSAL)
    page = Paginator(selectors.survey_responses_for_user(request.user), 25).get_page(
        request.GET.get("page"))
    page.object_list = services.survey_responses_read(actor=request.user,
                                                      responses=page.object_list,
                                                      request=request)
    return render(request, "fqs/survey_response_list.html", {"page": page})


def survey_response_detail(request, pk: int):
    require_perm(request, "fqs.read_survey_response", action=READ_ACTION, message=READ_REFUSAL)
    row = get_object_or_404(selectors.survey_responses_for_user(request.user), pk=pk)
    [row] = services.survey_responses_read(actor=request.user, responses=[row], request=request)
    return render(request, "fqs/survey_response_detail.html", {"row": row})


