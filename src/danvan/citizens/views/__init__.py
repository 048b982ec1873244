"""Split by topic, re-exported here."""
