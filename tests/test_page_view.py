"""A cited PDF page rendered with its quoted lines marked (ragqa.ui.page_view), on PDFs the tests write."""

from __future__ import annotations

from ragqa.ui.page_view import file_matches, pieces_of, render
from tests.test_pdf import make_paged_pdf

PAGES = [["ACME Quarterly Review", "Revenue grew by 12 percent in 2024.", "Staffing was flat.", "Outlook: stable"],
         ["ACME Quarterly Review", "Exports rose by 3 percent."]]


def _yellow_share(image, box) -> float:
    """The share of the box's pixels the highlighter's yellow tints (red and green high, blue low)."""
    import numpy as np

    px = np.asarray(image.crop(box)).reshape(-1, 3).astype(int)
    return float(((px[:, 0] > 200) & (px[:, 1] > 170) & (px[:, 2] < 150)).mean())


def test_each_quoted_line_is_marked_where_it_stands_and_nothing_else(tmp_path):
    path = tmp_path / "q.pdf"
    path.write_bytes(make_paged_pdf(PAGES))
    view = render(path, 1, ["Revenue grew by 12 percent in 2024.\nStaffing was flat."], scale=2.0)
    assert (view.pages, view.pieces, view.found) == ((1,), 2, 2)
    # make_paged_pdf sets line i's baseline at 800 - 14 i points (A4, 842 high): 2 px a point at scale 2
    line = lambda i: (80, int((842 - 800 + 14 * i) * 2) - 16, 300, int((842 - 800 + 14 * i) * 2) + 2)  # noqa: E731
    assert _yellow_share(view.image, line(1)) > 0.3 and _yellow_share(view.image, line(2)) > 0.3
    assert _yellow_share(view.image, line(0)) == 0 and _yellow_share(view.image, line(3)) == 0


def test_a_quote_not_on_the_page_marks_nothing_and_says_so(tmp_path):
    path = tmp_path / "q.pdf"
    path.write_bytes(make_paged_pdf(PAGES))
    view = render(path, 2, ["Revenue grew by 12 percent in 2024."])
    assert (view.pieces, view.found) == (1, 0)
    assert _yellow_share(view.image, (0, 0, view.image.width, view.image.height)) == 0


def test_a_table_row_is_looked_for_cell_by_cell_and_a_lone_character_not_at_all():
    assert pieces_of(["구분\t금액\n예산\t1.2조 원", "A\n  두  칸 "]) == ["구분", "금액", "예산", "1.2조 원", "두 칸"]


def test_a_file_that_changed_since_indexing_is_not_shown_as_the_cited_page(tmp_path):
    import hashlib

    path = tmp_path / "q.pdf"
    path.write_bytes(make_paged_pdf(PAGES))
    indexed = hashlib.sha256(path.read_bytes()).hexdigest()
    assert file_matches(path, indexed)
    path.write_bytes(make_paged_pdf(PAGES[::-1]))
    assert not file_matches(path, indexed) and not file_matches(tmp_path / "gone.pdf", indexed)
    assert not file_matches(path, "")  # a build that recorded no hash


def test_a_quote_going_on_over_the_page_end_brings_the_next_page_with_the_rest_marked(tmp_path):
    path = tmp_path / "q.pdf"
    path.write_bytes(make_paged_pdf([["ACME Quarterly Review", "Revenue grew by 12 percent in", "- 1 -"],
                                     ["ACME Quarterly Review", "2024 across all regions.", "Exports rose."]]))
    one = render(path, 1, ["Revenue grew by 12 percent in"], scale=1.0)
    assert one.pages == (1,) and one.image.height == 842
    view = render(path, 1, ["Revenue grew by 12 percent in\n- 1 -\n2024 across all regions."], scale=1.0)
    assert (view.pages, view.pieces, view.found) == ((1, 2), 3, 3)
    assert view.image.height == 2 * 842 + 8  # the two pages, one above the other
    # the rest is marked on the second page, where it stands (line 1 of that page), and nothing else there
    top = 842 + 8
    line = lambda i: (30, top + 842 - 800 + 14 * i - 9, 200, top + 842 - 800 + 14 * i + 1)  # noqa: E731
    assert _yellow_share(view.image, line(1)) > 0.3 and _yellow_share(view.image, line(2)) == 0
    missing = render(path, 1, ["Revenue grew by 12 percent in\nnowhere to be found"], scale=1.0)
    assert (missing.pages, missing.found) == ((1,), 1)  # the next page is shown only when it holds the rest
