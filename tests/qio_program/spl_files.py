"""Build SPL CSV files for the tests."""

from qio_program.services.spl_csv import COLUMNS


def spl_row(**overrides) -> dict:
    row = {"provider_name": "Maple Grove Nursing", "ccn": "205123", "tin": "",
           "setting": "nursing_home", "address_line1": "1 Main Street", "address_line2": "",
           "city": "Portland", "state": "ME", "zip_code": "04101", "poor_performance": "Y",
           "adi_dual_eligibility": "N", "enforcement": "N", "not_submitting_data": "N",
           "deficits": "Patient Safety > Falls with major injury"}
    row.update(overrides)
    return row


def spl_csv_bytes(rows: list[dict], columns: list[str] = COLUMNS) -> bytes:
    def cell(value: str) -> str:
        value = str(value)
        return f'"{value}"' if any(c in value for c in ',"\n') else value

    lines = [",".join(columns)]
    lines += [",".join(cell(row.get(name, "")) for name in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
