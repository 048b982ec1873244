"""The demo's practices, planned in memory and then written in bulk (a few seconds for thousands) exactly as the
services would write them: the services' own helpers give each practice its derived fields, each lifecycle step its
status, and each change-log entry its words."""

import datetime
import random
from dataclasses import dataclass, field

from danvan.core.changelog import change_entry
from danvan.core.models import ChangeLog
from danvan.core.text import nfc
from danvan.orgunits.models import OrgUnit
from danvan.practices import services
from danvan.practices.models import (
    Field,
    Practice,
    PracticeEvent,
    PracticeResult,
    PracticeYear,
    PracticeYearField,
    Status,
)

from .practice_catalogue import (
    AGENCY_MODEL_FIELDS,
    CT,
    EXEMPLARS,
    EXTRA_FIELDS,
    FAMILY,
    FEMALE,
    GENDER_OF_EXEMPLAR,
    MALE,
    MODELS,
    SEED,
)


@dataclass
class Plan:
    practice: Practice
    fields: list[Field]
    results: list[tuple[str, str, str]] = field(default_factory=list)
    events: list[tuple[str, datetime.date, str, str]] = field(
        default_factory=list
    )  # action, date, status, note
    reconfirm: list[tuple[int, datetime.date]] = field(default_factory=list)
    original: "Plan | None" = None


class Builder:
    def __init__(self, fields: dict[str, Field], today: datetime.date):
        self.rng = random.Random(SEED)
        self.fields = fields
        self.today = today
        self.plans: list[Plan] = []
        self._levels: dict[int, str] = {}
        self.used_names: dict[tuple[int, int], set[str]] = {}

    # -- helpers

    def day(self, low: datetime.date, high: datetime.date) -> datetime.date:
        high = min(high, self.today)
        if high <= low:
            return min(low, self.today)
        return low + datetime.timedelta(days=self.rng.randint(0, (high - low).days))

    def level(self, owner: OrgUnit) -> str:
        if owner.pk not in self._levels:
            self._levels[owner.pk] = services.level_of(owner)
        return self._levels[owner.pk]

    def person(self, gender: str = "") -> str:
        given = self.rng.choice({"male": MALE, "female": FEMALE}.get(gender, MALE + FEMALE))
        return f"{self.rng.choice(FAMILY)} {given}"

    def phone(self) -> str:
        return f"09{self.rng.randint(12, 98)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}"

    def results(self, spec) -> list[tuple[str, str, str]]:
        rows = []
        for indicator, unit, low, high, decimals in spec:
            value = round(self.rng.uniform(low, high), decimals) if decimals else self.rng.randint(low, high)
            rows.append((indicator, unit, f"{value:.{decimals}f}" if decimals else str(value)))
        return rows

    def pick_name(self, owner: OrgUnit, year: int, pool: list[str]) -> str:
        """A name from the pool that the owner has not used that year (the pool is shuffled for each owner)."""
        used = self.used_names.setdefault((owner.pk, year), set())
        choices = [name for name in pool if name not in used]
        if not choices:
            choices = [f"{name} ({len(used) + 1})" for name in pool]
        name = self.rng.choice(choices)
        used.add(name)
        return name

    # -- practices

    def model(self, owner: OrgUnit, year: int, pool: list[str], start: datetime.date, **kwargs) -> Plan:
        name = self.pick_name(owner, year, pool)
        base = name.split(" (")[0]
        fields, summary, method, participants, spec = MODELS.get(
            base,
            (
                AGENCY_MODEL_FIELDS.get(base) or EXTRA_FIELDS.get(base) or [CT],
                "",
                "",
                "",
                [("Người tham gia", "người", 20, 300, 0)],
            ),
        )
        if not summary:
            summary = f"{owner.name} thực hiện mô hình “{base}”, hướng về cơ sở, sát với đời sống nhân dân."
            method = "Xây dựng kế hoạch, phân công cán bộ phụ trách; sơ kết, rút kinh nghiệm sau mỗi 6 tháng."
            participants = "Cán bộ, đảng viên, đoàn viên, hội viên"
        return self.add(
            owner,
            year,
            name,
            fields,
            start,
            summary=summary,
            method=method,
            participants=participants,
            results=self.results(spec),
            **kwargs,
        )

    def exemplar(self, owner: OrgUnit, year: int, start: datetime.date, **kwargs) -> Plan:
        name, fields, position, spec = self.rng.choice(EXEMPLARS)
        gender = GENDER_OF_EXEMPLAR.get(name, "")
        used = self.used_names.setdefault((owner.pk, year), set())
        if name in used:
            name = f"{name} ({len(used) + 1})"
        used.add(name)
        person = self.person(gender)
        return self.add(
            owner,
            year,
            name,
            fields,
            start,
            kind=Practice.Kind.EXEMPLAR,
            person_name=person,
            person_position=position,
            summary=f"{person}, {position.lower()}, là tấm gương tiêu biểu được nhân dân tin yêu.",
            results=self.results(spec),
            **kwargs,
        )

    def add(
        self,
        owner: OrgUnit,
        year: int,
        name: str,
        field_codes: list[str],
        start: datetime.date,
        *,
        kind=Practice.Kind.MODEL,
        results=(),
        contact=True,
        **data,
    ) -> Plan:
        fields = [self.fields[code] for code in field_codes if code in self.fields]
        practice = Practice(
            kind=kind,
            name=nfc(name),
            owner=owner,
            registration_year=year,
            status=Status.REGISTERED,
            start_date=start,
            **data,
        )
        if contact and kind == Practice.Kind.MODEL:
            practice.contact_name = self.person()
            practice.contact_phone = self.phone()
        services.fill_derived(practice, level=self.level(owner))
        plan = Plan(practice=practice, fields=fields, results=list(results))
        plan.events.append(("register", start, Status.REGISTERED, ""))
        self.plans.append(plan)
        return plan

    # -- the lifecycle

    def step(self, plan: Plan, action: str, date: datetime.date, note: str = "") -> None:
        date = max(date, plan.events[-1][1])
        services.apply_step(plan.practice, action, date, note)
        plan.events.append((action, date, plan.practice.status, note))

    def recognise(self, plan: Plan, by: OrgUnit, decision: str, date: datetime.date) -> None:
        if plan.practice.status == Status.REGISTERED:
            self.step(
                plan, "implement", plan.events[-1][1] + datetime.timedelta(days=self.rng.randint(10, 40))
            )
        date = max(date, plan.events[-1][1])
        self.step(plan, "recognise", date)
        services.apply_recognition(
            plan.practice, recognised_by=by, decision=decision, date=date, level=self.level(by)
        )

    def replicate(self, original: Plan, owner: OrgUnit, year: int, date: datetime.date) -> Plan:
        source = original.practice
        self.step(original, "replicate", date, f"Nhân rộng tại {owner.name}")
        self.used_names.setdefault((owner.pk, year), set()).add(source.name)
        replica = self.add(
            owner,
            year,
            source.name,
            [f.code for f in original.fields],
            date,
            kind=source.kind,
            contact=False,
            summary=source.summary,
            method=source.method,
        )
        replica.practice.start_date = None  # the service copies name, summary and method, not the dates
        replica.original = original
        return replica

    def lifecycle(
        self, plan: Plan, end: datetime.date, shares: dict[str, float], recogniser=None, decision=None
    ):
        """Moves a plan to a final state drawn from `shares` (registered, implementing, recognised, stopped,
        not_recognised), with dates between its start and `end`."""
        start = plan.events[-1][1]
        roll, state = self.rng.random(), "registered"
        for name, share in shares.items():
            if roll < share:
                state = name
                break
            roll -= share
        if state == "recognised" and recogniser is None:
            state = "implementing"
        if state == "registered":
            return
        implement_on = self.day(start + datetime.timedelta(days=7), start + datetime.timedelta(days=45))
        if state == "not_recognised":
            self.step(plan, "implement", implement_on)
            self.step(
                plan, "not_recognise", self.day(implement_on, end), "Chưa có kết quả cụ thể, đo đếm được."
            )
            return
        self.step(plan, "implement", implement_on)
        if state == "recognised":
            self.recognise(
                plan, recogniser, decision(), self.day(implement_on + datetime.timedelta(days=60), end)
            )
        elif state == "stopped":
            self.step(
                plan,
                "stop",
                self.day(implement_on + datetime.timedelta(days=30), end),
                self.rng.choice(
                    ["Đơn vị thực hiện đã sáp nhập.", "Không còn kinh phí duy trì.", "Đã hoàn thành."]
                ),
            )

    # -- saving

    def save(self) -> int:
        originals = [plan for plan in self.plans if plan.original is None]
        replicas = [plan for plan in self.plans if plan.original is not None]
        Practice.objects.bulk_create([plan.practice for plan in originals], batch_size=500)
        for plan in replicas:
            plan.practice.replicated_from = plan.original.practice
        Practice.objects.bulk_create([plan.practice for plan in replicas], batch_size=500)
        Through = Practice.fields.through
        Through.objects.bulk_create(
            [Through(practice=plan.practice, field=f) for plan in self.plans for f in plan.fields],
            batch_size=2000,
        )
        results_of = {
            id(plan): [
                PracticeResult(
                    practice=plan.practice,
                    indicator=indicator,
                    unit_of_measure=unit,
                    value=value,
                    position=index,
                )
                for index, (indicator, unit, value) in enumerate(plan.results)
            ]
            for plan in self.plans
        }
        # The change log words the results as given, before the database turns "2.5" into Decimal("2.50").
        entries = [
            change_entry(
                None,
                "create",
                plan.practice,
                None,
                services.practice_snapshot(plan.practice, fields=plan.fields, results=results_of[id(plan)]),
                unit=plan.practice.owner,
            )
            for plan in self.plans
        ]
        PracticeResult.objects.bulk_create(
            [row for rows in results_of.values() for row in rows], batch_size=2000
        )
        PracticeEvent.objects.bulk_create(
            [event for plan in self.plans for event in self._events(plan)], batch_size=2000
        )
        years = []
        for plan in self.plans:
            p = plan.practice
            counted = [(p.registration_year, None), *plan.reconfirm]
            for index, (year, _day) in enumerate(counted):
                later = counted[index + 1][1] if index + 1 < len(counted) else None
                status = p.status if later is None else self.status_on(plan, later)
                years.append(PracticeYear.of(p, year, status=status))
        PracticeYear.objects.bulk_create(years, batch_size=1000)
        fields_of = {plan.practice.pk: plan.fields for plan in self.plans}
        PracticeYearField.objects.bulk_create(
            [PracticeYearField.of(row, f) for row in years for f in fields_of[row.practice_id]],
            batch_size=1000,
        )
        ChangeLog.objects.bulk_create(entries, batch_size=1000)
        return len(self.plans)

    def _events(self, plan: Plan) -> list[PracticeEvent]:
        """The timeline, reconfirmations included, in date order (a reconfirmation keeps the status of its day)."""
        steps = [*plan.events, *(("reconfirm", day, "", str(year)) for year, day in plan.reconfirm)]
        return [
            PracticeEvent(
                practice=plan.practice,
                action=action,
                status=status or self.status_on(plan, date),
                date=date,
                note=note,
            )
            for action, date, status, note in sorted(steps, key=lambda step: step[1])
        ]

    def status_on(self, plan: Plan, day: datetime.date) -> str:
        """The practice's status at the end of `day` (before a reconfirmation that day)."""
        status = Status.REGISTERED
        for _action, date, after, _note in plan.events:
            if date <= day:
                status = after
        return status
