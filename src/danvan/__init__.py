"""Dân vận số: nền tảng số cho công tác dân vận."""
