"""`kb ingest --engine dask`: the per-document stages on a Dask cluster (optional extra ``kb[dask]``).

The stages that need one document only (kb.ingest.workers.process_file: load,
segment, figures, tables, within-document checks, search tokens) run as Dask
tasks on the cluster's workers; each worker keeps one tokenizer. The results —
SQL-ready rows, not models — come back in batches of ``BATCH_PER_WORKER`` tasks a
worker, in task order, and this process (the only one that holds the store)
writes them; the cross-document checks, table CSVs and the index are then built
here as in a local ingest. So the output is the one of a single-process run.

The workers read the files by path: on a cluster they must see the same paths
(a shared file system), as a ``LocalCluster`` does. ``scheduler`` is the address
of a running scheduler (``tcp://host:8786``); without one a ``LocalCluster`` of
``workers`` single-threaded worker processes is started and stopped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from kb.errors import KbError
from kb.ingest.workers import Done, Task

BATCH_PER_WORKER = 4


def _tokenizer_on_worker():
    """The tokenizer of the worker this task runs on (made once per worker process)."""
    from distributed import get_worker

    worker = get_worker()
    tokenizer = getattr(worker, "_kb_tokenizer", None)
    if tokenizer is None:
        from kb.text.tokenizer import Tokenizer

        tokenizer = worker._kb_tokenizer = Tokenizer()
    return tokenizer


def process_on_worker(task: Task) -> Done:
    from kb.ingest.workers import process_file

    return process_file(task, _tokenizer_on_worker())


@dataclass
class DaskEngine:
    """Runs kb.ingest.workers tasks on a Dask cluster (see the module docstring)."""

    scheduler: Optional[str] = None
    workers: int = 2

    def run(self, tasks: list[Task]) -> Iterator[tuple[Task, Done]]:
        if not tasks:
            return
        client, cluster = self._connect()
        try:
            yield from self._batches(client, tasks)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise KbError("--engine dask needs Dask: pip install 'kb[dask]' "
                          "(or leave --engine out to use local worker processes)") from None
        try:
            if self.scheduler:
                return Client(self.scheduler, timeout="20s"), None
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
            return Client(cluster), cluster
        except (OSError, TimeoutError) as exc:
            raise KbError(f"cannot reach the Dask scheduler {self.scheduler or '(local)'} ({exc}): "
                          "start it (`dask scheduler`) or check the address") from None

    @staticmethod
    def _batches(client, tasks: list[Task]) -> Iterator[tuple[Task, Done]]:
        size = BATCH_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        upcoming = None
        for start in range(0, len(tasks), size):
            batch = tasks[start:start + size]
            futures = upcoming if upcoming is not None else client.map(process_on_worker, batch, pure=False)
            following = tasks[start + size:start + 2 * size]
            # the next batch is already queued while this one is written
            upcoming = client.map(process_on_worker, following, pure=False) if following else None
            results = client.gather(futures)
            yield from zip(batch, results, strict=True)
