"""The tasks set for the coming period, one short phrase each. The importer turns each into a task assigned to a
unit, so precision comes before recall: a task is taken only from a sentence that directs (the one who concluded
"đề nghị…", "yêu cầu…", "chỉ đạo:", "nhấn mạnh…", "thời gian tới cần…", "nhiệm vụ trọng tâm … là:", "phương hướng
… gồm:") or from the sentences that go on listing what it directs, never across a sentence, never from what was
done ("đã", "được", a figure reported), never from a list of who attended."""

import re

from .words import UPPER, flat

# The words that direct, matched without accents. A noun use is not one: "đáp ứng yêu cầu", "Ban Chỉ đạo",
# "lãnh đạo, chỉ đạo", "phát biểu chỉ đạo hội nghị", "triển khai phương hướng nhiệm vụ năm 2026".
_NOUN_BEFORE = (
    r"(?<!\bdap ung )(?<!\btheo )(?<!\bcac )(?<!\bnhung )(?<!\bdung )(?<!\bvoi )(?<!\bmoi )(?<!\bcua )(?<!\bkien )(?<!\bla )"
    r"(?<!\bban )(?<!\blanh dao, )(?<!\blanh dao )(?<!\bbieu )(?<!\btam )(?<!\bhanh )(?<!\bduoc )(?<!\bsu )"
)
_CUE = re.compile(
    _NOUN_BEFORE + r"\b(?:(?:de nghi|yeu cau|nhan manh)\b(?!\s+(?:cua|nay|do)\b)\s*:?|chi dao\s*:|"
    r"chi dao (?=cac |mttq |ban |ubnd |uy ban )|"
    r"(?:trong )?thoi gian toi(?=[^.;:]{0,120}\b(?:can|phai|tiep tuc|tap trung)\b)|"
    r"(?:can|phai) (?=tiep tuc|tap trung|day manh|tang cuong|nang cao|chu trong|lam tot)|"
    r"(?:nhiem vu trong tam|phuong huong|nhiem vu, giai phap|giai phap)[^.;:]{0,80}?(?:\bla\b|\bgom\b|:))"
)
# A "nhấn mạnh" may state a fact ("… là nhiệm vụ trọng tâm của Mặt trận"): what follows it is a task only when it
# is said as one (a modal word, or a task's verb first).
_STATES = re.compile(r"\bnhan manh\b")
_MODAL = re.compile(r"\b(?:can|phai)\b")
# What was done, said or who came: such a clause is no task.
_PAST = re.compile(r"(?<!\w)(?:đã|được|vừa qua|dự hội nghị|chủ trì|tham dự|có sự tham dự|kết quả đạt)(?!\w)")
_PERSON = re.compile(rf"(?<!\w)(?i:đồng chí|ông|bà|đ/c)\s+[{UPPER}]")
# Matched on the lower-case text with its accents: without them "cần" (must) is "cán" (cadre).
_FILLER = re.compile(
    r"^(?:(?:và|đồng thời|tiếp tục|cần|phải|tập trung|thường xuyên|theo đó|nhất là|trong đó|như sau|như|là|về|"
    r"để|trong thời gian tới|thời gian tới|trong (?:quý [ivx\d]+|năm \d{4}|những tháng cuối năm)|"
    r"(?:6|sáu) tháng cuối năm|những tháng cuối năm|năm \d{4}|quý [ivx\d]+)(?!\w)|[,:\s\-–+•]|\d+[.)]\s)+"
)
# The verbs a task starts with: what comes before one of the modal words is a subject only if it is not a task.
_TASK_VERBS = re.compile(
    r"^(?:đẩy mạnh|tăng cường|nâng cao|thực hiện|phát huy|chú trọng|quan tâm|tiếp tục|tập trung|làm tốt|đổi mới|"
    r"xây dựng|củng cố|triển khai|tuyên truyền|vận động|nắm|chủ động|kịp thời|rà soát|hoàn thành|lưu trữ|giải quyết|"
    r"duy trì|phối hợp|hướng dẫn|chuẩn bị|bám|tham mưu|lãnh đạo|chỉ đạo|nhân rộng|đảm bảo|bảo đảm|khắc phục|"
    r"nghiên cứu|nghiêm túc|quán triệt|phát hiện|theo dõi|lựa chọn|giữ gìn|chăm lo|tham gia)(?!\w)"
)
# "Ban Dân vận Thị ủy, MTTQ và các đoàn thể cần tiếp tục …": a subject, then a modal word.
_SUBJECT = re.compile(r"^([^;]{3,90}?)\s(?:cần|phải)(?!\w)|^([^;]{3,90}?)\s(?=(?:tiếp tục|tập trung)(?!\w))")
# A sentence ends at ".", "!", "?", "…" before a capital, a digit or an opening quote, not after "TP." or "ThS.".
_SENTENCE_END = re.compile(rf"(?:\.\.\.|…|/\.|[.!?])\s+(?=[“\"(]?[{UPPER}\d])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:TP|TX|TT|ThS|TS|PGS|GS|BS|Đ/c|Q|P|St|Th)$")
# A figure reported ("xây dựng 32 mô hình"), not a year, a date or "Covid-19".
_FIGURE = re.compile(r"(?<![\w/-])(?!(?:19|20)\d\d(?!\w))\d+(?:[.,]\d+)*(?![\w/-])")
# A comma before a verb that opens a new task ("…, tiếp tục đổi mới …").
_NEXT_TASK = re.compile(
    r",\s+(?=(?:tiếp tục|đẩy mạnh|tăng cường công tác|chủ động|kịp thời phát hiện)\s)", re.IGNORECASE
)
_MAX_WORDS = 40
_MAX_TASKS = 12


def directed_tasks(paragraphs: list[str]) -> list[str]:
    """One short phrase per task set by a directing sentence or by the sentences that go on listing its tasks."""
    tasks: list[str] = []
    listing = False  # the sentence before directed, and its list may go on
    for paragraph in paragraphs:
        bullet = bool(re.match(r"\s*(?:[-–+•]|\d+[.)])\s", paragraph))
        if not bullet:
            listing = listing and paragraph.rstrip().endswith(":")
        for sentence in sentences(paragraph):
            found = _directed(sentence)
            if found is not None:
                tasks += found
                listing = bool(found) or sentence.rstrip().endswith(":")
            elif listing and _lists_a_task(sentence):
                tasks += [
                    task for clause in sentence.split(";") for part in _parts(clause) if (task := _task(part))
                ]
            else:
                listing = False
        listing = listing and (paragraph.rstrip().endswith(":") or bullet)
    return list(dict.fromkeys(tasks))[:_MAX_TASKS]


def sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences ("TP. Hồ Chí Minh" and "ThS. Nguyễn Văn Hải" do not end one)."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph[start : end.start()]):
            continue
        found.append(paragraph[start : end.start()])
        start = end.end()
    found.append(paragraph[start:])
    return [s.strip() for s in found if s.strip()]


def _directed(sentence: str) -> list[str] | None:
    """The tasks a directing sentence sets ([] when its directions are no tasks), None when it directs nothing."""
    flat_sentence = flat(sentence)
    cue = _cue(sentence, flat_sentence)
    if cue is None:
        return None
    tasks = []
    for clause_start, clause in _clauses(sentence, cue):
        flat_clause = flat(clause)
        inner = _cue(clause, flat_clause)
        stated = bool(_STATES.search(flat_sentence[max(0, clause_start - 40) : clause_start + 1]))
        if inner is not None:
            stated = bool(_STATES.match(flat_clause, inner.start()))
            clause = clause[inner.end() :]
        for part in _parts(clause):
            task = _task(part)
            if task and not (
                stated and not _MODAL.search(flat(part)) and not _TASK_VERBS.match(task.lower())
            ):
                tasks.append(task)
    return tasks


def _cue(text: str, flat_text: str) -> re.Match | None:
    """The first word in `text` (`flat_text` is it flattened) that directs."""
    for cue in _CUE.finditer(flat_text):
        if flat_text[: cue.start()].endswith("da ") and not _PERSON.search(text[: cue.start()]):
            continue  # "Ban Thường vụ đã chỉ đạo …" reports; "đồng chí … đã đề nghị" speaks
        return cue
    return None


def _clauses(sentence: str, cue: re.Match) -> list[tuple[int, str]]:
    """The sentence's clauses after its cue (after the colon that follows the cue closely), each with its start."""
    colon = sentence.find(":", cue.start())
    start = colon + 1 if 0 <= colon - cue.start() < 120 else cue.end()
    clauses, position = [], start
    for clause in sentence[start:].split(";"):
        clauses.append((position, clause))
        position += len(clause) + 1
    return clauses


def _parts(clause: str) -> list[str]:
    """A clause's tasks: "làm tốt …, tiếp tục đổi mới …" is two when what comes before the comma is a task."""
    parts = _NEXT_TASK.split(clause)
    if len(parts) > 1 and _TASK_VERBS.match(_task(parts[0]).lower()):
        return parts
    return [clause]


def _lists_a_task(sentence: str) -> bool:
    """A sentence that goes on listing what the one before directed: a task's verb first, nothing done."""
    lower = sentence.lower()
    filler = _FILLER.match(lower)
    lower = lower[filler.end() :] if filler else lower
    return bool(_TASK_VERBS.match(lower)) and not _PAST.search(sentence.lower()) and not _FIGURE.search(lower)


def _task(clause: str) -> str:
    clause = " ".join(clause.split()).strip(" ,.;:/…")
    lower = clause.lower()
    if _PAST.search(lower) or _PERSON.search(clause):
        return ""
    subject = _SUBJECT.match(lower)
    if subject and not _TASK_VERBS.match(lower):
        clause = clause[subject.end() :].lstrip()
        lower = clause.lower()
    filler = _FILLER.match(lower)
    if filler:
        clause = clause[filler.end() :]
    words = clause.split()
    if len(words) < 3:
        return ""
    clause = " ".join(words[:_MAX_WORDS]).strip(" ,.;:")
    return clause[:1].lower() + clause[1:] if _TASK_VERBS.match(clause.lower()) else clause
