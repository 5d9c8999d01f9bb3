"""What a sheet's rows for one day do to that day's ledger: which lines stay, which amounts or names
are fixed, which lines are added and which are taken out. Pure: no database.

Lines are paired vendor by vendor: first the same name and amount (unchanged), then the same name
written alike (case and spacing aside: "ลุงดำ ผ้าทอ" and "ลุงดำผ้าทอ" are one vendor) whose amount or
spelling changed; what is left of the sheet is added and what is left of the ledger is reversed.
Whatever the pairing, the day then holds exactly the sheet's rows: the pairing only decides how the
preview names each change.
"""

import datetime
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

_PUNCTUATION = set(string.punctuation)


@dataclass(frozen=True)
class LedgerLine:
    """A live entry of the day (nothing corrects it), as the plan needs it."""

    id: int
    vendor: str
    amount: Decimal
    source: str = ""  # who or what wrote it, for the preview


@dataclass(frozen=True)
class PlannedRow:
    line: int
    vendor: str
    amount: Decimal
    note: str = ""


@dataclass
class DayPlan:
    held_on: datetime.date
    before: Decimal = Decimal(0)
    after: Decimal = Decimal(0)
    unchanged: int = 0
    added: list[PlannedRow] = field(default_factory=list)
    changed: list[tuple[LedgerLine, PlannedRow]] = field(default_factory=list)  # amount or name fixed
    removed: list[LedgerLine] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


def _exact(vendor: str) -> str:
    return vendor


def _alike(vendor: str) -> str:
    return "".join(ch for ch in vendor.casefold() if not ch.isspace() and ch not in _PUNCTUATION)


def plan_day(
    held_on: datetime.date, live: Sequence[LedgerLine], rows: Sequence[PlannedRow] | None
) -> DayPlan:
    """The plan that makes the day hold exactly `rows` (None: take every line out)."""
    plan = DayPlan(held_on)
    current = sorted((line for line in live if line.amount), key=lambda line: line.id)
    plan.before = sum((line.amount for line in current), Decimal(0))
    wanted = sorted(rows or (), key=lambda row: row.line)
    plan.after = sum((row.amount for row in wanted), Decimal(0))

    def pair(key: Callable[[str], str], same_amount: bool) -> list[tuple[LedgerLine, PlannedRow]]:
        waiting: dict[tuple, list[LedgerLine]] = {}
        for line in current:
            waiting.setdefault((key(line.vendor), line.amount if same_amount else None), []).append(line)
        pairs, left = [], []
        for row in wanted:
            candidates = waiting.get((key(row.vendor), row.amount if same_amount else None))
            if candidates:
                pairs.append((candidates.pop(0), row))
            else:
                left.append(row)
        taken = {line.id for line, _row in pairs}
        current[:] = [line for line in current if line.id not in taken]
        wanted[:] = left
        return pairs

    plan.unchanged = len(pair(_exact, same_amount=True))
    for key in (_exact, _alike):
        plan.changed += [(line, row) for line, row in pair(key, same_amount=False)]
    plan.changed.sort(key=lambda change: change[1].line)
    plan.added = [row for row in wanted if row.amount]  # a row of 0 baht with nothing to replace: no line
    plan.removed = current
    return plan
