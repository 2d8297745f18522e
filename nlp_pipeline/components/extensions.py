"""Every ``Doc._`` attribute the components write, registered in one place.

Each component's constructor calls :func:`install_extensions`, so a pipeline loaded by
``spacy.load`` (or unpickled in a worker process) has them, and importing a module has no
side effect. All values are plain data (dicts, lists, strings) so they survive ``DocBin``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "meta",  # article_cleaner: title, date, dateline
    "boilerplate",  # article_cleaner: [start_char, end_char] ranges later components skip
    "actors",  # actor_tagger: actor id -> name, label, country, aliases
    "affiliations",  # actor_tagger: title and demonym links
    "quotes",  # quote_extractor: one row per quote
    "relations",  # relation_extractor: one row per relation
)


def install_extensions() -> None:
    """Register the ``Doc`` extensions (default ``None``); safe to call any number of times."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
