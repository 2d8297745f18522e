"""nlp_pipeline: who is in the news, who said what, and who does what to whom."""

from .loading import DEFAULT_MODEL, ModelNotFoundError, assemble, load

__all__ = ["DEFAULT_MODEL", "ModelNotFoundError", "__version__", "assemble", "load"]
__version__ = "0.1.0"
