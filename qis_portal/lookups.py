"""`in` on integer columns that ignores values outside the column's range.

Django already answers `pk=10**30` with "no rows" (IntegerFieldOverflow on exact, gt, lt…), but
not `pk__in=[10**30]`: PostgreSQL compares the number and finds nothing, while SQLite's driver
raises OverflowError, a 500 for any form with a multiple-choice field (tags, contacts, group
members) or a bulk action given a forged id. A value no row can hold matches no row, so it is
dropped before the query is built, the same on every database.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type())
            self.rhs = [value for value in self.rhs
                        if not isinstance(value, int)
                        or ((low is None or value >= low) and (high is None or value <= high))]
        return super().process_rhs(compiler, connection)
