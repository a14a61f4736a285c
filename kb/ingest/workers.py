"""The per-document stages of an ingest, run in this process or in worker processes.

``process_file(task, tokenizer)`` runs every stage that needs one document only —
load, segment, figures, tables, within-document checks and the passages' search
tokens — and returns the rows the store writes (kb.store.rows), or why the file
was skipped. ``run_tasks(tasks, workers)`` runs many: in this process when
``workers`` is 1, else in a pool of worker processes (each with its own tokenizer,
started by a fork server so that a threaded caller such as the page is safe). It
yields the results in task order with at most ``2 × workers`` documents in flight,
so memory stays bounded whatever the number of files, and the writer (the one
process that holds the store) writes each as it comes. The output does not depend
on the number of workers: every document is processed alone, the same way.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from kb.errors import KbError, LoadError

log = logging.getLogger(__name__)

Step = Callable[[str], None]
PARALLEL_MIN_FILES = 8     # fewer files are processed here: starting workers costs ~2 s each


@dataclass(frozen=True)
class Task:
    """One file to process: its path, the folder it was given in, that folder's SOURCES.md
    metadata and the document id the plan chose."""

    path: str
    root: str
    sources: dict = field(hash=False, compare=False)
    doc_id: str = ""


@dataclass
class Done:
    """What processing one file gave: the rows to write, or the reason it was skipped."""

    rows: Optional[object] = None     # kb.store.rows.DocumentRows
    failure: str = ""


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_file(task: Task, tokenizer, step: Step = lambda stage: None) -> Done:
    """Every per-document stage of one file; a file kb cannot read or process is a ``failure``."""
    from kb.pipeline import process_document
    from kb.store.rows import document_rows

    try:
        outputs = process_document(Path(task.path), Path(task.root), task.sources, tokenizer,
                                   doc_id=task.doc_id, step=step)
        step("search tokens")
        tokens = [tokenizer.tokenize(p.text) for p in outputs[1]]
        return Done(rows=document_rows(*outputs, tokens=tokens))
    except LoadError as exc:
        return Done(failure=str(exc))
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError,
            AttributeError, ArithmeticError, AssertionError) as exc:
        # A bug of a rule on one odd document must not cost the others.
        log.debug("processing %s failed", task.path, exc_info=True)
        return Done(failure=f"kb could not process it ({type(exc).__name__}: {exc}); please report this file")


_WORKER_TOKENIZER = None


def _start_worker() -> None:
    global _WORKER_TOKENIZER
    import gc

    from kb.ingest.collector import INGEST_THRESHOLDS
    from kb.text.tokenizer import Tokenizer

    gc.set_threshold(*INGEST_THRESHOLDS)     # a worker process only ingests (kb.ingest.collector)
    _WORKER_TOKENIZER = Tokenizer()


def _work(task: Task) -> Done:
    return process_file(task, _WORKER_TOKENIZER)


def run_tasks(tasks: list[Task], workers: int, tokenizer, step_for: Callable[[Task], Step],
              min_files: int = PARALLEL_MIN_FILES) -> Iterator[tuple[Task, Done]]:
    """(task, result) for every task, in order; with ``workers`` > 1 and at least ``min_files``
    tasks they run in worker processes (a worker loads its own dictionary: ~2 s)."""
    if workers <= 1 or len(tasks) < max(2, min_files):
        for task in tasks:
            yield task, process_file(task, tokenizer, step_for(task))
        return
    yield from _in_pool(tasks, min(workers, len(tasks)))


def _in_pool(tasks: Iterable[Task], workers: int) -> Iterator[tuple[Task, Done]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kb.ingest.workers", "kb.pipeline", "kb.figures", "kb.ingest", "kb.verify"])
    queue = iter(tasks)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        pending: deque = deque()
        for task in queue:
            pending.append((task, pool.submit(_work, task)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            task, future = pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                raise KbError("a worker process of the ingest died (out of memory?): run `kb ingest` "
                              "again, with --workers 1 to use one process") from None
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(_work, following)))
            yield task, done
