"""Blocks and sentences are kept as arrays: a file of a million one-line paragraphs must not cost a
few hundred bytes of Python objects per paragraph before it is even analysed."""

import pickle
import tracemalloc

import pytest

from briefer.briefing import Block, briefing_from_text
from briefer.briefing.model import Blocks, Spans, span_starts

BLOCKS = [Block("heading", 0, 5, 1), Block("paragraph", 7, 300, 0), Block("list_item", 302, 310, 3)]


def test_blocks_read_back_as_the_blocks_they_were_built_from():
    blocks = Blocks(BLOCKS)
    assert len(blocks) == 3
    assert list(blocks) == BLOCKS
    assert blocks == tuple(BLOCKS)
    assert [blocks[i] for i in (0, 1, 2, -1, -3)] == [*BLOCKS, BLOCKS[-1], BLOCKS[0]]
    assert blocks[1:] == tuple(BLOCKS[1:])
    assert blocks[::-1] == tuple(reversed(BLOCKS))
    with pytest.raises(IndexError):
        blocks[3]
    with pytest.raises(IndexError):
        blocks[-4]


def test_spans_read_back_as_tuples_and_survive_pickling():
    spans = Spans([(0, 5), (7, 300)])
    assert list(spans) == [(0, 5), (7, 300)]
    assert spans[-1] == (7, 300)
    assert spans == ((0, 5), (7, 300))
    assert spans != ((0, 5),)
    assert hash(spans) == hash(Spans([(0, 5), (7, 300)]))
    assert pickle.loads(pickle.dumps(spans)) == spans
    assert not Spans()


def test_a_loaded_briefing_pickles_whole():
    briefing = briefing_from_text("# Title\n\nOne. Two.\n\n- item\n", fmt="markdown")
    assert pickle.loads(pickle.dumps(briefing)) == briefing


def test_loading_many_tiny_paragraphs_keeps_a_few_bytes_per_paragraph():
    count = 50_000
    text = "\n\n".join(["Hi."] * count)
    tracemalloc.start()
    try:
        briefing = briefing_from_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(briefing.blocks) == len(briefing.sentences) == count
    # as tuples of Block and of (start, end): about 225 bytes a paragraph
    assert peak / count < 80


def test_span_starts_are_the_starts_in_order():
    assert list(span_starts(Spans([(0, 5), (7, 300)]))) == [0, 7]
    assert list(span_starts(((3, 4),))) == [3]
