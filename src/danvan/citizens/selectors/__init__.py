"""The citizens' reads, split by topic, re-exported here."""

from .clocks import DUE_SOON, OVERDUE, calendar_months, calendar_year, clock_watch, rule_table, with_days_left
from .consultations import consultation_result, consultations_visible_to, get_consultation_for
from .dialogues import dialogue_list, get_dialogue_for, yearly_counts
from .feedback import PUBLIC_STATUS, PublicFeedback, SERVICE_STATES, accepting_provinces, accepting_units, feedback_by_code, feedback_for, feedback_of_unit, public_view, service_counts
from .figures import ACCEPTED, LATE, ON_TIME, OPEN, counts_table, dialogues_held, overdue_q, petition_figures, receptions_held, resolved_q
from .identity import denunciation_for, keeper_candidates, keepers_of, petitions_in_scope, reveals_of, scans_of
from .petitions import Clock, DUE_SOON_DAYS, attachments_visible_to, clock_of, followups_of, get_petition_for, petitions_visible_to, register_of
from .publicity import checklist, communes_matrix, get_publication_for, publications_visible_to, publicity_counts
from .receptions import compliance_table, get_reception_for, reception_list

__all__ = ["ACCEPTED", "Clock", "DUE_SOON", "DUE_SOON_DAYS", "LATE", "ON_TIME", "OPEN", "OVERDUE", "PUBLIC_STATUS", "PublicFeedback", "SERVICE_STATES", "accepting_provinces", "accepting_units", "attachments_visible_to", "calendar_months", "calendar_year", "checklist", "clock_of", "clock_watch", "communes_matrix", "compliance_table", "consultation_result", "consultations_visible_to", "counts_table", "denunciation_for", "dialogue_list", "dialogues_held", "feedback_by_code", "feedback_for", "feedback_of_unit", "followups_of", "get_consultation_for", "get_dialogue_for", "get_petition_for", "get_publication_for", "get_reception_for", "keeper_candidates", "keepers_of", "overdue_q", "petition_figures", "petitions_in_scope", "petitions_visible_to", "public_view", "publications_visible_to", "publicity_counts", "reception_list", "receptions_held", "register_of", "resolved_q", "reveals_of", "rule_table", "scans_of", "service_counts", "with_days_left", "yearly_counts"]
