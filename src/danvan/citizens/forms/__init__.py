"""Split by topic, re-exported here."""

from .feedback import AnswerForm, FeedbackForm, LookupForm, ReopenForm, SettingForm

__all__ = ["AnswerForm", "FeedbackForm", "LookupForm", "ReopenForm", "SettingForm"]
