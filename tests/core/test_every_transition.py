"""Every FSM transition of the project is reached only through `run_transition`.

The workflows are walked, not listed: every FSM field of every installed model and each of its
transitions (django-fsm's own registry), so a workflow declared tomorrow is covered the day it
is declared. Four facts, each for all of them:

1. the state field is `protected=True`: a state is never assigned by hand;
2. the transition method, called directly on an object in one of its source states, is refused
   by the guard in qis_portal.workflow (it runs only inside run_transition) and the state
   stays as it was; so no code path, present or future, can take a step around the path;
3. the transition is named, as a literal, in a `run_transition(...)` call in a services
   module of the model's own app, or in the `transition=` argument of a service helper that
   forwards it there; so each step has a service that takes it through the path (2 makes
   that the only way), and no declared step is left without one;
4. no app code writes a state with a queryset `update(...)` or `bulk_update(...)`, the one
   write that bypasses both the FSM and the descriptor.

(3) reads the source (ast), because which service takes which step is a fact of the code, not
of a run; the literal rule is what lets it be read. It matches names within an app, not
per model: two models of one app may share a step name ("approve"), and (2) is what makes
that enough.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django_fsm import FSMFieldMixin

from qis_portal.workflow import TransitionOutsidePath

ROOT = Path(settings.BASE_DIR)


def _project_apps():
    return [config for config in apps.get_app_configs()
            if Path(config.path).resolve().is_relative_to(ROOT)]


def _fsm_fields():
    return [(model, field) for config in _project_apps() for model in config.get_models()
            for field in model._meta.concrete_fields if isinstance(field, FSMFieldMixin)]


def _transitions():
    rows = []
    for model, field in _fsm_fields():
        names: dict[str, set] = {}
        for item in field.get_all_transitions(model):
            names.setdefault(item.name, set()).add(item.source)
        rows += [(model, field, name, sources) for name, sources in sorted(names.items())]
    return rows


FIELDS = _fsm_fields()
TRANSITIONS = _transitions()


def test_the_walk_finds_the_project_s_workflows():
    """A guard against a walk that silently finds nothing: the portal's known machines."""
    labels = {model._meta.label for model, _ in FIELDS}
    assert {"submissions.Submission", "fqs.Referral", "qio_lifecycle.A3C",
            "qis_portal.RoleAssignment", "qio_program.SplUpload"} <= labels
    assert len(TRANSITIONS) > 60


@pytest.mark.parametrize(("model", "field"), FIELDS,
                         ids=[f"{m._meta.label}.{f.name}" for m, f in FIELDS])
def test_every_state_field_is_protected(model, field):
    assert field.protected, f"{model._meta.label}.{field.name}: FSMField(protected=True)"
    obj = model(**{field.name: field.get_default()})
    other = next(value for value, _ in field.choices if value != field.get_default())
    with pytest.raises(AttributeError, match=f"Direct {field.name} modification is not allowed"):
        setattr(obj, field.name, other)


def _a_source_state(field, sources: set) -> str:
    concrete = [s for s in sources if s not in ("*", "+")]
    return concrete[0] if concrete else field.choices[0][0]


@pytest.mark.parametrize(("model", "field", "name", "sources"), TRANSITIONS,
                         ids=[f"{m._meta.label}.{n}" for m, _, n, _ in TRANSITIONS])
def test_every_transition_called_outside_the_path_is_refused(model, field, name, sources):
    state = _a_source_state(field, sources)
    obj = model(**{field.name: state})
    with pytest.raises(TransitionOutsidePath):
        getattr(obj, name)()
    assert getattr(obj, field.name) == state


# --- what the source says -------------------------------------------------------------------

def _modules(config):
    """The app's modules, without migrations and without an app nested in it (lifecycle is
    its own app inside qio_program)."""
    home = Path(config.path).resolve()
    nested = [Path(other.path).resolve() for other in _project_apps()
              if Path(other.path).resolve() != home
              and Path(other.path).resolve().is_relative_to(home)]
    for path in sorted(home.rglob("*.py")):
        if "migrations" in path.parts or any(path.is_relative_to(n) for n in nested):
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def _is_service_module(path: Path) -> bool:
    return path.stem == "services" or "services" in path.parts


def _module_constants(tree: ast.Module) -> dict[str, ast.AST]:
    """Module-level NAME = <literal> assignments (a mapping of outcomes to step names)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    found[target.id] = node.value
    return found


def _literal_names(expr: ast.AST, constants: dict[str, ast.AST], where: str) -> set[str]:
    """The step names a `transition=` expression can take; a name made at run time (an
    f-string, arithmetic) cannot be read and fails the test with its place."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return (_literal_names(expr.body, constants, where)
                | _literal_names(expr.orelse, constants, where))
    if isinstance(expr, ast.Subscript):
        return _literal_names(expr.value, constants, where)
    if isinstance(expr, ast.Dict):
        return set().union(*(_literal_names(v, constants, where) for v in expr.values))
    if isinstance(expr, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_literal_names(v, constants, where) for v in expr.elts))
    if isinstance(expr, ast.Name) and expr.id in constants:
        return _literal_names(constants[expr.id], constants, where)
    if isinstance(expr, ast.Name):
        return set()  # a helper's parameter: its callers pass the literal (counted there)
    raise AssertionError(f"{where}: pass the transition name as a literal (or a module-level "
                         f"mapping of literals) so that this test can read it")


def _calls(tree):
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _service_steps(config) -> tuple[set[str], list[str]]:
    """(step names passed towards run_transition by the app's services, call sites of
    run_transition outside a services module)."""
    names, strays = set(), []
    for path, tree in _modules(config):
        constants = _module_constants(tree)
        for call in _calls(tree):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if _callee(call) == "run_transition" and not _is_service_module(path):
                strays.append(where)
            if not _is_service_module(path):
                continue
            for keyword in call.keywords:
                if keyword.arg == "transition":
                    names |= _literal_names(keyword.value, constants, where)
    return names, strays


def test_every_transition_is_taken_by_a_service_through_run_transition():
    by_app = {config.label: _service_steps(config) for config in _project_apps()}
    strays = [site for _, app_strays in by_app.values() for site in app_strays]
    assert strays == [], "run_transition is called from services only (CONVENTIONS.md)"
    orphans = [f"{model._meta.label}.{name}" for model, _, name, _ in TRANSITIONS
               if name not in by_app[model._meta.app_label][0]]
    assert orphans == [], "declared steps no service takes through run_transition"


# Modules whose `status` is no workflow state: the e-mail outbox's delivery status is a claim
# the database arbitrates (UPDATE ... WHERE status = 'pending'); a run_transition row lock
# held across an SMTP conversation is what it exists to avoid (CONVENTIONS.md).
NOT_A_WORKFLOW = frozenset({"qis_portal/services/outbox.py"})


def test_no_code_writes_a_state_with_a_queryset_update():
    state_fields = {field.name for _, field in FIELDS}
    writes = []
    for config in _project_apps():
        for path, tree in _modules(config):
            if str(path.relative_to(ROOT)) in NOT_A_WORKFLOW:
                continue
            for call in _calls(tree):
                written = set()
                if _callee(call) == "update":
                    written = {k.arg for k in call.keywords} & state_fields
                elif _callee(call) == "bulk_update" and len(call.args) > 1:
                    written = {elt.value for elt in getattr(call.args[1], "elts", [])
                               if isinstance(elt, ast.Constant)} & state_fields
                if written:
                    writes.append(f"{path.relative_to(ROOT)}:{call.lineno} {sorted(written)}")
    assert writes == [], "a state changes through run_transition, never a queryset update"
