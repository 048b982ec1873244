"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .feedback import answer_feedback, request_reopen, set_feedback_setting, submit_feedback
from .petitions import create_petition, petition_snapshot

__all__ = [
    "answer_feedback",
    "can_decide",
    "can_handle",
    "create_petition",
    "petition_snapshot",
    "request_reopen",
    "set_feedback_setting",
    "submit_feedback",
]
