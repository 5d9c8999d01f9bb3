"""The biennial report and the national view as data (CSV): one row per figure, in long form, so a
sheet can pivot it. UTF-8 with a byte-order mark, which Excel needs to read Thai."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from .selectors import BiennialReport

REPORT_COLUMNS = ["section", "code", "name_th", "name_en", "period", "measure", "value", "unit"]


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row.get(key) for key in columns})
    return buffer.getvalue()


def _report_rows(report: BiennialReport):
    city, period = report.city, f"{report.period.first_year}-{report.period.last_year}"
    base = {"code": city.code, "name_th": city.name_th, "name_en": city.name_en}
    for section in (
        _profile_rows,
        _key_feature_rows,
        _space_rows,
        _course_rows,
        _learner_rows,
        _outcome_rows,
        _cost_rows,
    ):
        yield from section(report, base, period)


def _profile_rows(report: BiennialReport, base: dict, period: str):
    for field, _label, value in report.profile:
        yield {"section": "profile", **base, "measure": field, "value": value}
    for row in report.challenges:
        yield {
            "section": "challenges",
            "code": row["challenge"],
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "measure": "rating",
            "value": row["rating"],
            "unit": "1-5",
        }


def _key_feature_rows(report: BiennialReport, base: dict, period: str):
    years = report.comparison["years"]
    for group in report.comparison["groups"]:
        for row in group["features"]:
            for assessment, cell in zip(years, row["cells"], strict=True):
                yield {
                    "section": "key_features",
                    "code": row["feature"],
                    "name_th": row["name_th"],
                    "name_en": row["name_en"],
                    "period": assessment.year,
                    "measure": "rating",
                    "value": cell["rating"] if cell["rating"] is not None else "not yet assessed",
                    "unit": "1-5",
                }


def _space_rows(report: BiennialReport, base: dict, period: str):
    yield {
        "section": "learning_spaces",
        **base,
        "measure": "space_users_per_year",
        "value": report.space_users,
        "unit": "people",
    }
    for space in report.spaces:
        yield {
            "section": "learning_spaces",
            "code": space.code,
            "name_th": space.name_th,
            "name_en": space.name_en,
            "measure": "learners_per_year",
            "value": space.learners_per_year,
            "unit": "people",
        }


def _course_rows(report: BiennialReport, base: dict, period: str):
    for row in report.courses:
        course = row["course"]
        names = {
            "code": course.code,
            "name_th": course.title_th,
            "name_en": course.title_en,
            "period": period,
        }
        yield {"section": "courses", **names, "measure": "hours", "value": course.hours, "unit": "hours"}
        for measure in ("cohorts", "enrolled", "completed"):
            yield {
                "section": "courses",
                **names,
                "measure": measure,
                "value": row[measure],
                "unit": "people" if measure != "cohorts" else "cohorts",
            }


def _learner_rows(report: BiennialReport, base: dict, period: str):
    figures = report.figures
    for name, rows in (
        ("learners_by_target_group", figures.by_target_group),
        ("learners_by_sex", figures.by_sex),
    ):
        for row in rows:
            for measure in ("enrolled", "completed"):
                yield {
                    "section": name,
                    "code": row["group"] or "not_recorded",
                    "name_en": row["group"],
                    "period": period,
                    "measure": measure,
                    "value": row[measure],
                    "unit": "people",
                }


def _outcome_rows(report: BiennialReport, base: dict, period: str):
    figures = report.figures
    for year in figures.years:
        fy = f"FY{year['fiscal_year']} ({year['fiscal_year_be']} BE)"
        for measure, unit in (
            ("enrolled", "people"),
            ("completed", "people"),
            ("respondents", "people"),
            ("applied", "people"),
            ("applied_pct", "%"),
            ("income_baht", "baht"),
            ("baseline_income_baht", "baht"),
        ):
            value = year.get(measure)
            if value is not None:
                yield {
                    "section": "outcomes_by_fiscal_year",
                    **base,
                    "period": fy,
                    "measure": measure,
                    "value": round(value, 1) if measure == "applied_pct" else value,
                    "unit": unit,
                }


def _cost_rows(report: BiennialReport, base: dict, period: str):
    figures = report.figures
    for row in figures.cost_recovery:
        for measure in ("low", "high"):
            yield {
                "section": "cost_recovered",
                "code": row["group"] or "all",
                "name_en": row["group"],
                "period": period,
                "measure": f"cost_recovered_pct_{measure}",
                "value": row[measure],
                "unit": "%",
            }
            yield {
                "section": "cost_recovered",
                "code": row["group"] or "all",
                "name_en": row["group"],
                "period": period,
                "measure": f"months_{measure}",
                "value": row[f"months_{measure}"],
                "unit": "months",
            }


def report_csv(report: BiennialReport) -> str:
    return _csv(REPORT_COLUMNS, _report_rows(report))


NATIONAL_COLUMNS = [
    "code",
    "name_th",
    "name_en",
    "joined_year",
    "spaces",
    "space_users",
    "courses",
    "cohorts",
    "enrolled",
    "completed",
    "completion_pct",
    "respondents",
    "applied",
    "applied_pct",
    "income_baht",
    "income_fiscal_year_be",
    "income_growth",
    "cost_recovered_pct_low",
    "cost_recovered_pct_high",
    "key_features_year",
    "key_features_rated",
]


def national_csv(figures: dict[str, Any]) -> str:
    def rows():
        for row in figures["rows"]:
            city, assessment = row["city"], row["assessment"] or {}
            yield {
                "code": city.code,
                "name_th": city.name_th,
                "name_en": city.name_en,
                "joined_year": city.joined_year,
                **{key: row[key] for key in NATIONAL_COLUMNS[4:10] if key in row},
                "completion_pct": None if row["completion_pct"] is None else round(row["completion_pct"], 1),
                "respondents": row["respondents"],
                "applied": row["applied"],
                "applied_pct": None if row["applied_pct"] is None else round(row["applied_pct"], 1),
                "income_baht": row["income_baht"],
                "income_fiscal_year_be": row["income_year_be"],
                "income_growth": None if row["income_growth"] is None else round(row["income_growth"], 2),
                "cost_recovered_pct_low": row["cost_low"],
                "cost_recovered_pct_high": row["cost_high"],
                "key_features_year": assessment.get("year"),
                "key_features_rated": assessment.get("rated"),
            }

    return _csv(NATIONAL_COLUMNS, rows())
