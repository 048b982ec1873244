"""The citizens' writes, split by topic, re-exported here."""

from .access import can_decide, can_handle
from .clocks import add_rule_version, recompute_clocks, set_calendar_year
from .consultations import (
    add_comment,
    consultation_transition,
    create_consultation,
    record_ballot,
    update_consultation,
)
from .dialogues import add_question, dialogue_snapshot, save_dialogue
from .duplicates import possible_duplicates
from .feedback import answer_feedback, request_reopen, set_feedback_setting, submit_feedback
from .identity import (
    add_scan,
    can_manage_keepers,
    can_read_reveals,
    can_reveal,
    grant_keeper,
    open_scan,
    reveal_identities,
    revoke_keeper,
)
from .petitions import create_petition, petition_snapshot, save_attachments
from .publicity import add_channel, record_publication, remove_channel, update_publication
from .receptions import (
    add_commitment,
    receive_petition,
    reception_snapshot,
    save_duty,
    save_reception,
    save_schedule,
)
from .workflow import allowed_actions, assignable_users, transition

__all__ = [
    "add_channel",
    "add_comment",
    "add_commitment",
    "add_question",
    "add_rule_version",
    "add_scan",
    "allowed_actions",
    "answer_feedback",
    "assignable_users",
    "can_decide",
    "can_handle",
    "can_manage_keepers",
    "can_read_reveals",
    "can_reveal",
    "consultation_transition",
    "create_consultation",
    "create_petition",
    "dialogue_snapshot",
    "grant_keeper",
    "open_scan",
    "petition_snapshot",
    "possible_duplicates",
    "receive_petition",
    "reception_snapshot",
    "recompute_clocks",
    "record_ballot",
    "record_publication",
    "remove_channel",
    "request_reopen",
    "reveal_identities",
    "revoke_keeper",
    "save_attachments",
    "save_dialogue",
    "save_duty",
    "save_reception",
    "save_schedule",
    "set_calendar_year",
    "set_feedback_setting",
    "submit_feedback",
    "transition",
    "update_consultation",
    "update_publication",
]
