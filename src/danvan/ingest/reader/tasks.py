"""The tasks set for the coming period: what the one who concluded asked for ("đề nghị…", "yêu cầu…", "trong
thời gian tới…", "phương hướng, nhiệm vụ…"), one short phrase each."""

import re

from .words import flat

# The words that open the tasks (matched without accents), the strongest first.
_STRONG_CUE = re.compile(
    r"\b(de nghi|yeu cau|nhan manh|thoi gian toi|nhiem vu trong tam|phuong huong|can tiep tuc)\b"
)
_CUE = re.compile(
    r"\b(de nghi|yeu cau|nhan manh|chi dao|thoi gian toi|nhiem vu trong tam|phuong huong|can tiep tuc|"
    r"giai phap|de ra|trien khai nhiem vu|nhung mat con ton tai|luu y|quan tam|tap trung)\b"
)
# Matched on the lower-case text with its accents: without them "cần" (must) is "cán" (cadre).
_FILLER = re.compile(
    r"^(?:(?:và|đồng thời|tiếp tục|cần|phải|tập trung|thường xuyên|theo đó|nhất là|trong đó|như sau|như|là|về|"
    r"để|trong thời gian tới|thời gian tới|trong (?:quý [ivx\d]+|năm \d{4}|những tháng cuối năm)|"
    r"(?:6|sáu) tháng cuối năm|những tháng cuối năm|năm \d{4}|quý [ivx\d]+)(?!\w)|[,:\s])+"
)
# The verbs a task starts with: what comes before one of the modal words is a subject only if it is not a task.
_TASK_VERBS = re.compile(
    r"^(?:đẩy mạnh|tăng cường|nâng cao|thực hiện|phát huy|chú trọng|quan tâm|tiếp tục|tập trung|làm tốt|đổi mới|"
    r"xây dựng|củng cố|triển khai|tuyên truyền|vận động|nắm|chủ động|kịp thời|rà soát|hoàn thành|lưu trữ|giải quyết|"
    r"duy trì|phối hợp|hướng dẫn|chuẩn bị|bám|tham mưu|lãnh đạo|chỉ đạo|nhân rộng|đảm bảo|bảo đảm|khắc phục)(?!\w)"
)
# "Ban Dân vận Thị ủy, MTTQ và các đoàn thể cần tiếp tục …": a subject, then a modal word.
_SUBJECT = re.compile(r"^([^;]{3,90}?)\s(?:cần|phải)(?!\w)|^([^;]{3,90}?)\s(?=(?:tiếp tục|tập trung)(?!\w))")
_MAX_WORDS = 22


def directed_tasks(paragraphs: list[str]) -> list[str]:
    """One short phrase per task, from the last paragraph that sets tasks (the conclusion comes last), and the next
    one when it goes on listing them."""
    chosen = [
        (index, cue)
        for index, paragraph in enumerate(paragraphs)
        if len(paragraph.split()) >= 15 and (cue := _CUE.search(flat(paragraph)))
    ]
    if not chosen:
        return []
    index, cue = chosen[-1]
    text = paragraphs[index]
    cue = _STRONG_CUE.search(flat(text)) or cue
    colon = text.find(":", cue.start())
    start = colon + 1 if 0 <= colon - cue.start() < 120 else cue.end()
    body = text[start:]
    if index + 1 < len(paragraphs) and ";" in paragraphs[index + 1]:
        body += ". " + paragraphs[index + 1]
    tasks = []
    for clause in re.split(r";|(?<=[^\W\d_)”\"])\.\s+|\.\.\.|…|/\.", body):
        task = _tidy(clause)
        if task and task not in tasks:
            tasks.append(task)
    return tasks[:12]


def _tidy(clause: str) -> str:
    clause = " ".join(clause.split()).strip(" ,.;:/")
    lower = clause.lower()
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
