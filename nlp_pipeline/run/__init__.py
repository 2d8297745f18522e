"""The run layer: corpus -> run -> pipeline -> rows -> shards -> tables.

:mod:`.corpus` reads records (:mod:`.inputs` decodes bytes and HTML), :mod:`.output`'s
``Run`` owns OUT (checks, resume, shards, progress, the final tables), :mod:`.chunks` cuts
the work, :mod:`.engine` (local processes) and :mod:`.dask` (a Dask cluster) turn records
into rows, and :mod:`.writer` writes every file atomically. Nothing is imported here, so
that components can use :mod:`.inputs` and :mod:`.writer` without loading the rest.
"""
