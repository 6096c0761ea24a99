"""The README's permission table is the one the services enforce."""

from pathlib import Path

from studio.services.common.permissions import matrix_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_permission_table_matches_the_matrix():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- permissions:start -->\n", "\n<!-- permissions:end -->"
    table = text[text.index(start) + len(start): text.index(end)]
    assert table == matrix_markdown(), (
        "regenerate the table: python -c 'from studio.services.common.permissions import matrix_markdown as m; print(m())'")
