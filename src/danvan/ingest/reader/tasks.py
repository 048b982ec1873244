"""The tasks set for the coming period: what the one who concluded asked for ("đề nghị…", "yêu cầu…", "trong
thời gian tới…", "phương hướng, nhiệm vụ…"), one short phrase each."""

import re

from .words import flat

_CUE = re.compile(
    r"de nghi|yeu cau|nhan manh|chi dao|thoi gian toi|nhiem vu trong tam|phuong huong|can tiep tuc|"
    r"giai phap|de ra|trien khai nhiem vu|nhung mat con ton tai|luu y|quan tam|tap trung"
)
_FILLER = re.compile(
    r"^(?:va|dong thoi|tiep tuc|can|phai|chu dong|tap trung|quan tam|thuong xuyen|theo do|nhat la|trong do|"
    r"ca[cn] (?:cap|co quan|don vi)[^,]{0,40}? can|(?:ban|hoi|uy ban|mttq|cac)[^,;]{0,60}? (?:can|phai|tiep tuc)|"
    r"nhu|nhu sau|la|ve|de|,|:|\s)+"
)
_MAX_WORDS = 22


def directed_tasks(paragraphs: list[str]) -> list[str]:
    """One short phrase per task, from the last paragraphs that set tasks (the conclusion comes last)."""
    chosen = []
    for index, paragraph in enumerate(paragraphs):
        flat_paragraph = flat(paragraph)
        cue = _CUE.search(flat_paragraph)
        if cue and len(paragraph.split()) >= 15:
            chosen.append((index, cue))
    if not chosen:
        return []
    # The conclusion: the last paragraph with a cue, and the next one when it goes on with the tasks.
    index, cue = chosen[-1]
    text = paragraphs[index]
    colon = text.find(":", cue.start())
    start = colon + 1 if 0 <= colon - cue.start() < 120 else cue.end()
    body = text[start:]
    if index + 1 < len(paragraphs) and re.search(r";", paragraphs[index + 1]):
        body += ". " + paragraphs[index + 1]
    tasks = []
    for clause in re.split(r";|(?<=[a-zà-ỹ)”\"])\.\s+|\.\.\.|…|/\.", body):
        task = _tidy(clause)
        if task and task not in tasks:
            tasks.append(task)
    return tasks[:12]


def _tidy(clause: str) -> str:
    clause = " ".join(clause.split()).strip(" ,.;:/")
    flat_clause = flat(clause)
    filler = _FILLER.match(flat_clause)
    if filler:
        clause = clause[filler.end() :]
    words = clause.split()
    if len(words) < 3:
        return ""
    clause = " ".join(words[:_MAX_WORDS]).strip(" ,.;:")
    return clause[:1].lower() + clause[1:] if clause[1:2].islower() else clause
