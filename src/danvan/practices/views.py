"""Pages of the "Dân vận khéo" register. Thin: forms parse, services write, selectors read."""

# --- register: list, detail, forms, lifecycle, campaigns, fields ---

# --- counts: statistics by level, field, kind, khối, status ---

# --- Excel import and export ---

# --- public showcase (no login) ---
