"""The field accuracy of /work/shared/ingest/score.py, computed in-process over a folder of articles with their
hand answers (NAME.txt|.html|.docx beside NAME.json): a test runs the reader on dozens of files in a second instead
of starting one `danvan ingest` process per file."""

import json
from pathlib import Path

from danvan.core.text import fold
from danvan.ingest.reader import extract_text, read_event

EXTENSIONS = (".txt", ".html", ".docx")


def _f1(predicted, gold) -> float:
    predicted, gold = set(predicted), set(gold)
    if not predicted and not gold:
        return 1.0
    found = len(predicted & gold)
    if not found:
        return 0.0
    precision, recall = found / len(predicted), found / len(gold)
    return 2 * precision * recall / (precision + recall)


def _near(a, b) -> float:
    a, b = fold(a or ""), fold(b or "")
    if not a and not b:
        return 1.0
    return 1.0 if a and b and (a in b or b in a) else 0.0


def field_scores(predicted: dict, gold: dict) -> dict[str, float]:
    """The nine scored fields, each 0–1, as score.py scores them."""
    period, gold_period = predicted.get("period_reviewed") or {}, gold.get("period_reviewed") or {}
    return {
        "event_date": float(predicted.get("event_date") == gold.get("event_date")),
        "event_type": float(predicted.get("event_type") == gold.get("event_type")),
        "organizer": _near(predicted.get("organizer"), gold.get("organizer")),
        "organizer_level": float(predicted.get("organizer_level") == gold.get("organizer_level")),
        "locality": _near(predicted.get("locality"), gold.get("locality")),
        "period_year": float(period.get("year") == gold_period.get("year")),
        "period_half": float(period.get("half") == gold_period.get("half")),
        "people": _f1(
            [fold(p["name"]) for p in predicted["people"]], [fold(p["name"]) for p in gold["people"]]
        ),
        "model_counts": _f1(
            [m["count"] for m in predicted["model_counts"]], [m["count"] for m in gold["model_counts"]]
        ),
    }


def _words(text: str) -> set[str]:
    return set(fold(text).replace(",", " ").replace(";", " ").split())


def task_overlap(predicted: str, gold: str) -> float:
    """The share of words two tasks have in common, over the shorter one (a task may be read longer or shorter
    than the answer words it)."""
    predicted_words, gold_words = _words(predicted), _words(gold)
    if not predicted_words or not gold_words:
        return 0.0
    return len(predicted_words & gold_words) / min(len(predicted_words), len(gold_words))


def stray_tasks(folder: Path) -> dict[str, list[str]]:
    """{article: the tasks the reader read that share less than half their words with every task of the answer}."""
    stray = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix in EXTENSIONS):
        gold = json.loads(path.with_suffix(".json").read_text())["directed_tasks"]
        tasks = read_event(extract_text(path.read_bytes(), path.name))["directed_tasks"]
        if wrong := [task for task in tasks if not any(task_overlap(task, g) >= 0.5 for g in gold)]:
            stray[path.name] = wrong
    return stray


def score_folder(folder: Path) -> tuple[float, dict[str, dict[str, float]]]:
    """(mean field accuracy, {article: {field: score}}) of the reader over a folder."""
    per_article = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix in EXTENSIONS):
        gold = json.loads(path.with_suffix(".json").read_text())
        per_article[path.name] = field_scores(read_event(extract_text(path.read_bytes(), path.name)), gold)
    fields = next(iter(per_article.values())).keys()
    means = [sum(scores[field] for scores in per_article.values()) / len(per_article) for field in fields]
    return sum(means) / len(means), per_article
