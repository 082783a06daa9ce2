"""The measure catalogue: 2020 quality measures and benchmarks, with search and filters."""

from django.shortcuts import get_object_or_404, render

from scoring import selectors
from scoring.choices import PERFORMANCE_YEAR
from scoring.forms import CatalogueFilterForm
from scoring.models import Measure
from scoring.services.reference import package_version
from scoring.views.common import paginate, permission_required


@permission_required("scoring.view_measure")
def measure_list(request):
    form = CatalogueFilterForm(request.GET or None, measure_types=selectors.measure_types())
    filters = form.values() if form.is_bound else {}
    measures = selectors.measure_catalogue(**{k: v for k, v in filters.items()
                                              if v not in ("", None)})
    return render(request, "scoring/measure_list.html", {
        "form": form, **paginate(request, measures), "package_version": package_version(),
        "loaded": Measure.objects.exists()})


@permission_required("scoring.view_measure")
def measure_detail(request, measure_id: str):
    measure = get_object_or_404(Measure.objects.prefetch_related("benchmarks"),
                                performance_year=PERFORMANCE_YEAR, measure_id=measure_id)
    benchmarks = list(measure.benchmarks.all())
    for bench in benchmarks:
        bench.bounds = [{"decile": i + 2, "bound": value}
                        for i, value in enumerate(bench.deciles[-9:])]
    return render(request, "scoring/measure_detail.html", {
        "measure": measure, "benchmarks": benchmarks, "package_version": package_version()})
