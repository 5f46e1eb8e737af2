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
WORKSHOP = PageInfo(
    "pages/workshop.py",
    "Workshop",
    ":material/school:",
    "Start",
    "The lesson in seven steps with checkpoints and code to take home.",
)

#: The lesson, in order (embed → similarity → analogies → maps → search → your data → clusters → inside →
#: compare). The home page and the menu list these as the path through the app.
LESSON: list[PageInfo] = [
    PageInfo(
        "pages/embed.py",
        "Embed: the numbers",
        ":material/data_array:",
        "Lesson",
        "Type words and sentences; see the list of numbers each becomes, as a table, bars and a barcode.",
    ),
    PageInfo(
        "pages/similarity.py",
        "Similarity",
        ":material/compare_arrows:",
        "Lesson",
        "Compare every pair of texts with cosine, dot product or distance; turn two arrows to see what cosine means.",
    ),
    PageInfo(
        "pages/analogies.py",
        "Analogies",
        ":material/function:",
        "Lesson",
        "king − man + woman ≈ queen? Try analogies on a word model and a sentence model, and see when they fail.",
    ),
    PageInfo(
        "pages/projections.py",
        "Maps: projections",
        ":material/scatter_plot:",
        "Lesson",
        "See texts or a dataset as a 2D or 3D map with PCA, t-SNE and UMAP, and measure what the map distorts.",
    ),
    PageInfo(
        "pages/search.py",
        "Search: meaning vs words",
        ":material/search:",
        "Lesson",
        "Find job listings by what you mean, next to a keyword search (BM25): see where meaning wins and where "
        "exact words do.",
    ),
    PageInfo(
        "pages/data.py",
        "Your data",
        ":material/upload_file:",
        "Lesson",
        "Upload your own texts (CSV, Excel, …) or ready-made vectors, embed them, use them on every page, "
        "and export vectors and map coordinates.",
    ),
    PageInfo(
        "pages/clusters.py",
        "Clusters: find groups",
        ":material/bubble_chart:",
        "Lesson",
        "Let an algorithm group the texts, name each group by its keywords, and score it against true labels.",
    ),
    PageInfo(
        "pages/inside.py",
        "Inside the model",
        ":material/memory:",
        "Lesson",
        "See the word pieces a model reads, why 'bank' gets two meanings in MiniLM but one in GloVe, "
        "how token vectors average into a sentence vector, and where attention looks.",
    ),
    PageInfo(
        "pages/compare.py",
        "Compare two models",
        ":material/compare:",
        "Lesson",
        "The same texts through two models: do they agree on what is similar? Heatmaps, neighbours, aligned maps.",
    ),
]


def pages() -> dict[str, list[st.Page]]:
    """Sections of the sidebar menu, each a list of pages."""
    sections: dict[str, list[st.Page]] = {
        HOME.section: [
            st.Page(HOME.file, title=HOME.title, icon=HOME.icon, default=True),
            st.Page(WORKSHOP.file, title=WORKSHOP.title, icon=WORKSHOP.icon, url_path=WORKSHOP.url_path),
        ]
    }
    for info in LESSON:
        sections.setdefault(info.section, []).append(
            st.Page(info.file, title=info.title, icon=info.icon, url_path=info.url_path)
        )
    return sections
