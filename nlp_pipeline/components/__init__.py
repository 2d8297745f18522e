"""The project's spaCy components, one per module; importing this registers their factories."""

from .actors import make_actor_tagger
from .attributes import make_fast_attribute_ruler, make_fast_lemmatizer
from .cleaning import make_article_cleaner
from .coref import make_actor_coref
from .quotes import make_quote_extractor
from .relations import make_relation_extractor

__all__ = [
    "make_actor_coref",
    "make_actor_tagger",
    "make_article_cleaner",
    "make_fast_attribute_ruler",
    "make_fast_lemmatizer",
    "make_quote_extractor",
    "make_relation_extractor",
]
