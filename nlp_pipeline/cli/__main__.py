"""``python -m nlp_pipeline.cli``."""

from . import main

main()
