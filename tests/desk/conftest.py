import pytest

from briefer.library import LibraryIndex
from tests.desk.archive import write_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The fixture archive, indexed and analysed once for a module's tests (they only read)."""
    root = tmp_path_factory.mktemp("desk")
    folder = write_archive(root / "briefings")
    with LibraryIndex(root / "index.sqlite3") as index:
        index.refresh([folder], analyse=True)
        yield index, folder
