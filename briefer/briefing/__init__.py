"""Files -> Briefing. Pure Python; never imports Textual."""
from briefer.briefing.loader import MAX_BYTES, SUFFIXES, briefing_from_text, discover, load
from briefer.briefing.model import Block, Briefing, BriefingError
from briefer.briefing.sanitize import clean_text
from briefer.briefing.sentences import split_sentences

__all__ = [
    "Block", "Briefing", "BriefingError", "MAX_BYTES", "SUFFIXES",
    "briefing_from_text", "clean_text", "discover", "load", "split_sentences",
]
