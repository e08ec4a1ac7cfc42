import pytest

from briefer.library import LibraryIndex


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def briefing(title, body, date="2025-11-20", source="Reuters"):
    return f"---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n{body}\n"


@pytest.fixture
def index(tmp_path):
    with LibraryIndex(tmp_path / "cache" / "index.sqlite3") as opened:
        yield opened
