"""Split by topic, re-exported here."""

from .identity import KeeperForm, RevealForm, ScanForm

__all__ = ["KeeperForm", "RevealForm", "ScanForm"]
