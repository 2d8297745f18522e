"""Atomic output files and the streaming table writer: every file the product writes
goes through here.

A file is written under a temporary name next to its final place (``.NAME.XXXXXXXX.tmp``)
and renamed into place only when complete, so a killed run never leaves a half-written
table, shard or graph under its real name. The temporary file is created with mode 0666
and the user's umask applied by the kernel, as ``open()`` would create it: ``0644`` under
the usual umask 022, never the private ``0600`` that :func:`tempfile.mkstemp` gives.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd

TMP_SUFFIX = ".tmp"


class AtomicFile:
    """A temporary file next to ``path``; :meth:`commit` renames it into place.

    Used as a context manager it commits on success and removes the temporary file on
    an exception. For writers that open the file by name (pandas, pyarrow), ``tmp`` is
    the path to give them.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}{TMP_SUFFIX}")
            try:
                # 0o666 & ~umask, exactly like a file created by open(); O_EXCL: ours alone
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:  # pragma: no cover - 32 random bits collided
                continue
            os.close(fd)
            self.tmp = tmp
            return

    def commit(self, *, fsync: bool = True) -> Path:
        """Flush the temporary file to disk and rename it to ``path``."""
        if fsync:
            fd = os.open(self.tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(self.tmp, self.path)
        return self.path

    def discard(self) -> None:
        """Remove the temporary file (nothing happens to ``path``)."""
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write ``path`` through; renamed into place on success."""
    with AtomicFile(path) as f:
        yield f.tmp


@contextmanager
def atomic_open(
    path: str | Path, mode: str = "w", *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """``open(path, mode)``, atomically: the file appears complete or not at all."""
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
    with atomic_path(path) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; return ``path``."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)


class TableWriter:
    """Stream frames into one CSV or Parquet file, renamed into place on :meth:`close`,
    so a table far larger than memory is written a shard at a time."""

    def __init__(
        self, path: Path, fmt: str, columns: list[str], int_columns: Iterable[str] = ()
    ) -> None:
        self.path, self.fmt, self.columns = path, fmt, columns
        self.ints = set(int_columns) & set(columns)
        self.file = AtomicFile(path)
        self.writer = None
        self.first = True
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self.schema = pa.schema(
                [(c, pa.int64() if c in self.ints else pa.string()) for c in columns]
            )
            self.writer = pq.ParquetWriter(self.file.tmp, self.schema)

    def write(self, df: pd.DataFrame) -> None:
        df = df.reindex(columns=self.columns)
        if self.fmt == "parquet":
            import pyarrow as pa

            for col in df.columns:
                if col not in self.ints:
                    df[col] = df[col].map(lambda v: "" if v is None or v is pd.NA else str(v))
            self.writer.write_table(pa.Table.from_pandas(df, self.schema, preserve_index=False))
        else:
            mode = "w" if self.first else "a"
            df.to_csv(self.file.tmp, mode=mode, header=self.first, index=False)
        self.first = False

    def close(self) -> Path:
        if self.first:  # no rows: the header (or schema) alone
            dtypes = {c: "Int64" if c in self.ints else "object" for c in self.columns}
            self.write(pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()}))
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        return self.file.commit()

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        self.file.discard()
