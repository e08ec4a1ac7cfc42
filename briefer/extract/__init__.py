"""Briefing -> Analysis (who / what / when / where). Pure; no I/O, no Textual."""
