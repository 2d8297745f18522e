"""Small helpers shared by the components: slugs and the package data folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def slugify(text: str) -> str:
    """ASCII slug for canonical ids: ``Kim Jong Un`` -> ``kim-jong-un``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
