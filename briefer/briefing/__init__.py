"""Files -> Briefing. Pure Python; never imports Textual."""
from briefer.briefing.model import Block, Briefing, BriefingError
from briefer.briefing.loader import SUFFIXES, briefing_from_text, discover, load

__all__ = ["Block", "Briefing", "BriefingError", "SUFFIXES", "briefing_from_text", "discover", "load"]
