"""The menu: every page of the app, in lesson order, with the one line the home page shows."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageInfo:
    file: str
    title: str
    icon: str
    section: str
    blurb: str

    @property
    def url_path(self) -> str:
        return self.file.removeprefix("pages/").removesuffix(".py")


HOME = PageInfo("pages/home.py", "Home", ":material/home:", "Start", "")

#: The lesson, in order. The home page lists these as the path through the app.
LESSON: list[PageInfo] = [
    PageInfo(
        "pages/embed.py",
        "Embed: the numbers",
        ":material/data_array:",
        "Lesson",
        "Type words and sentences; see the list of numbers each becomes, as a table, bars and a barcode.",
    ),
    PageInfo(
        "pages/clusters.py",
        "Clusters: find groups",
        ":material/bubble_chart:",
        "Lesson",
        "Let an algorithm group the texts, name each group by its keywords, and score it against true labels.",
    ),
]


def pages() -> dict[str, list[st.Page]]:
    """Sections of the sidebar menu, each a list of pages."""
    sections: dict[str, list[st.Page]] = {
        HOME.section: [st.Page(HOME.file, title=HOME.title, icon=HOME.icon, default=True)]
    }
    for info in LESSON:
        sections.setdefault(info.section, []).append(
            st.Page(info.file, title=info.title, icon=info.icon, url_path=info.url_path)
        )
    return sections
