"""Decide, once per date column, how its values are read: day or month first, Excel serials.

``08/07/2025`` is 8 July to an Indonesian tool and 7 August to a US one, and ``45846`` is a date
only in a column full of Excel serial numbers. One value cannot tell; the column can. A value
whose first part is above 12 (``25/07/2025``) can only be day-first, one whose second part is
above 12 (``07/25/2025``) only month-first. A column with evidence of one kind is read that way;
a column with none is read in the Indonesian default, day-first; a column with both is read the
way most of its evidence says, and the rows that contradict that are rejected with a reason
(they are more likely typing mistakes than a reason to misread the rest). Serial numbers are read
as dates only when most of the column's filled values look like them.

The sample is the first batch of rows, looked at before any of its records is built: ingest
streams in batches of ``IngestOptions.batch_rows`` (20,000 by default), so that is the first
20,000 rows of a typical import without reading anything twice. The decision then holds for the
whole file, so a later row cannot change how earlier rows were read; a later row that contradicts
it is rejected like any other. :func:`decide_column` takes any rows, so a caller that wants a
bigger or separate sample can give it one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.ingest.dates import is_excel_serial, numeric_order

SERIAL_SHARE = 0.5
"""A column is read as Excel serial dates when more than this share of its filled values are
5-digit numbers: a few stray numbers in a column of real dates stay errors."""


@dataclass(frozen=True)
class ColumnDates:
    """How one column's dates are read, and why (the ``because`` clause of a reject reason)."""

    column: str
    dayfirst: bool = True
    excel_serial: bool = False
    because: str = "no value in its first rows settles the order"

    @property
    def order(self) -> str:
        """The order in words, for messages."""
        return "day-first (DD/MM/YYYY)" if self.dayfirst else "month-first (MM/DD/YYYY)"


@dataclass
class _Evidence:
    """How many sampled values allow only one order, and the first such value."""

    count: int = 0
    first: tuple[int, str] | None = None

    def add(self, number: int, value: str) -> None:
        self.count += 1
        if self.first is None:
            self.first = (number, value)

    def example(self) -> str:
        assert self.first is not None
        return f"row {self.first[0]} has '{self.first[1]}'"


def decide_column(
    column: str, values: Iterable[tuple[int, str]], default_dayfirst: bool = True
) -> ColumnDates:
    """Decide how ``column`` is read from ``(row number, value)`` pairs of a sample of it."""
    day, month = _Evidence(), _Evidence()
    filled = serials = 0
    for number, raw in values:
        value = raw.strip()
        if not value:
            continue
        filled += 1
        if is_excel_serial(value):
            serials += 1
            continue
        order = numeric_order(value)
        if order == "dayfirst":
            day.add(number, value)
        elif order == "monthfirst":
            month.add(number, value)
    serial = filled > 0 and serials / filled > SERIAL_SHARE
    dayfirst, because = _order(day, month, default_dayfirst)
    return ColumnDates(column, dayfirst=dayfirst, excel_serial=serial, because=because)


def _order(day: _Evidence, month: _Evidence, default_dayfirst: bool) -> tuple[bool, str]:
    """The column's order and the clause that explains it."""
    if day.count and not month.count:
        return True, f"{day.example()}"
    if month.count and not day.count:
        return False, f"{month.example()}"
    if not day.count:
        default = "the Indonesian default" if default_dayfirst else "the chosen default"
        return default_dayfirst, f"no value in its first rows settles the order ({default})"
    dayfirst = day.count > month.count or (day.count == month.count and default_dayfirst)
    because = (
        f"{day.count} of its first rows read only day-first ({day.example()}) and "
        f"{month.count} only month-first ({month.example()})"
    )
    return dayfirst, because
