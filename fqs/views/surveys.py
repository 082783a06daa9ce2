"""Provider feedback survey: answered by the provider through its token link; responses read
only by the COR and CMS read-only users, each reading audited."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from fqs import selectors, services
from fqs.forms import SurveyForm
from fqs.models import Survey
from qis_portal.services.audit import audit_record

from .common import require_perm, run_action


def survey_answer(request, token: str):
    survey = selectors.survey_by_token(token)
    if survey is None:
        raise Http404
    if not request.user.has_perm("fqs.answer_survey", survey):
        audit_record(action="survey.answer", actor=request.user, target=survey,
                     outcome="denied", request=request, note="not the surveyed provider")
        require_perm(request, "fqs.answer_survey", survey)
    if survey.status == Survey.Status.ANSWERED:
        return render(request, "fqs/survey_done.html", {"survey": survey})
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = run_action(request, request.path, services.survey_answer,
                              "Thank you: your answers were sent to CMS.", form=form,
                              survey=survey, **form.cleaned_data)
        if response is not None:
            return response
    return render(request, "fqs/survey_form.html", {"survey": survey, "form": form})


def survey_response_list(request):
    require_perm(request, "fqs.read_survey_response")
    page = Paginator(selectors.survey_responses_for_user(request.user), 25).get_page(
        request.GET.get("page"))
    page.object_list = services.survey_responses_read(actor=request.user,
                                                      responses=page.object_list,
                                                      request=request)
    return render(request, "fqs/survey_response_list.html", {"page": page})


def survey_response_detail(request, pk: int):
    require_perm(request, "fqs.read_survey_response")
    row = get_object_or_404(selectors.survey_responses_for_user(request.user), pk=pk)
    [row] = services.survey_responses_read(actor=request.user, responses=[row], request=request)
    return render(request, "fqs/survey_response_detail.html", {"row": row})


