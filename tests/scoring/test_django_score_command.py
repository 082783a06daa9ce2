"""manage.py score --input FILE: prints the output JSON; bad input exits non-zero, every path."""

import json

import pytest
from django.core.management import CommandError, call_command

from scoring.api.schemas import EXAMPLE_INPUT


def run(path, capsys):
    call_command("score", "--input", str(path))
    return capsys.readouterr().out


def test_the_command_prints_the_output_json(tmp_path, capsys):
    path = tmp_path / "entity.json"
    path.write_text(json.dumps(EXAMPLE_INPUT), encoding="utf-8")
    out = json.loads(run(path, capsys))
    row = next(m for m in out["quality"]["units"][0]["measures"] if m["measure_id"] == "047")
    assert (row["points"], row["decile"]) == (5.8733, 5)
    assert out["entity_id"] == "OCM-0001"


def test_bad_input_exits_with_status_2_and_lists_every_bad_path(tmp_path):
    data = json.loads(json.dumps(EXAMPLE_INPUT))
    data["entity"]["improvement_activities_score"] = 140
    data["submissions"][0]["submission_method"] = "claims_typo"
    data["participants"][0]["tin"] = "12"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("score", "--input", str(path))
    assert err.value.returncode == 2
    message = str(err.value)
    for bad in ("entity.improvement_activities_score", "submissions[0].submission_method",
                "participants[0].tin"):
        assert bad in message


def test_a_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"performance_year": ', encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON") as err:
        call_command("score", "--input", str(path))
    assert err.value.returncode == 2


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("score", "--input", str(tmp_path / "absent.json"))
