"""The index on disk: where it lives, how it is rebuilt from PostGIS and kept in step with it.

PostGIS is the source of truth; the index is a derived copy that can always be rebuilt.

`SEARCH_INDEX_DIR` is a symlink to the current build (`<dir>.builds/<stamp>/`): a rebuild
writes a complete new index beside it and swaps the link atomically, so searches never see a
half-built index. Writers (the on-commit sync) hold whoosh's write lock, waiting for each other
up to WRITE_TIMEOUT. A change committed while a rebuild runs may land in the old build; the
rebuild therefore ends by re-reading the records the change feed names since a snapshot taken
before it read PostGIS (`_apply_changes_since`). `catch_up` compares every document's digest with
PostGIS instead (an index that may have missed changes the feed never heard of: `--if-stale`).
"""

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from whoosh import index as whoosh_index
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for
from whoosh.writing import SegmentWriter

from culturalmap.core import changes
from culturalmap.core.exceptions import Unavailable

from . import analysis, concepts, documents
from .schema import SCHEMA_VERSION, build_schema

logger = logging.getLogger(__name__)

META_FILE = "culturalmap-search.json"
NAMES_FILE = "names.txt"
WRITE_TIMEOUT = 30.0  # seconds a writer waits for another to finish
STALE_PARTIAL_BUILD = 3600  # a build directory without metadata this old was abandoned


class IndexMissing(Unavailable):
    """No usable index (never built, or built by another schema version): search answers 503."""

    RETRY_SECONDS = 30

    def __init__(self, path: Path):
        super().__init__(
            _(
                "กำลังสร้างดัชนีค้นหา โปรดลองอีกครั้งในไม่ช้า "
                "(The search index is being built; please try again shortly.)"
            ),
            retry_after=self.RETRY_SECONDS,
        )
        self.path = path


def index_path() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def _builds_dir(path: Path) -> Path:
    return path.parent / f"{path.name}.builds"


def _read_meta(directory: Path) -> dict | None:
    try:
        meta = json.loads((directory / META_FILE).read_text())
    except (OSError, ValueError):
        return None
    return meta if meta.get("schema_version") == SCHEMA_VERSION else None


# Builds whose metadata was read and is of this schema: a build's directory is named once and its
# metadata written last and never changed, so it is read once a process, not on every search.
_complete_builds: set[tuple[str, int]] = set()


def current_build() -> Path:
    """The directory of the index in use; IndexMissing if there is none of this schema."""
    path = index_path()
    real = Path(os.path.realpath(path))
    if not real.is_dir():
        raise IndexMissing(path)
    if (str(real), SCHEMA_VERSION) not in _complete_builds:
        if _read_meta(real) is None:
            raise IndexMissing(path)
        _complete_builds.add((str(real), SCHEMA_VERSION))
    return real


_loaded_names: set[str] = set()
_names_lock = threading.Lock()


def _load_names(build: Path) -> None:
    """Give this process's Thai dictionary the catalogue names the build was made with."""
    if str(build) in _loaded_names:
        return
    with _names_lock:
        if str(build) not in _loaded_names:
            try:
                names = (build / NAMES_FILE).read_text().split("\n")
            except OSError:
                names = []
            analysis.DICTIONARY.add_names(names)
            _loaded_names.add(str(build))


def open_index(build: Path | None = None) -> whoosh_index.FileIndex:
    build = build or current_build()
    _load_names(build)
    return whoosh_index.open_dir(str(build))


# --- reading ---------------------------------------------------------------------------------

_local = threading.local()


def searcher() -> Searcher:
    """A searcher on the current index, reused by this thread while the index is unchanged."""
    build = current_build()
    cached = getattr(_local, "cached", None)
    if cached is not None and cached[0] == build and cached[1].up_to_date():
        return cached[1]
    if cached is not None:
        cached[1].close()
    # A new searcher rather than refresh(): whoosh's refresh fails on a once-empty index.
    current = open_index(build).searcher()
    _local.cached = (build, current)
    return current


# --- writing ---------------------------------------------------------------------------------


@contextmanager
def _locked_writer() -> Iterator:
    """A writer on the current build, lock held; re-resolves the build if a rebuild swapped it."""
    for _attempt in range(5):
        build = current_build()
        ix = open_index(build)
        # The lock is taken here rather than by whoosh's writer: a writer that fails half-made (a
        # read-only or full directory) would keep its lock until garbage collection, and every
        # later write would wait WRITE_TIMEOUT for it.
        lock = ix.lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=WRITE_TIMEOUT, delay=0.02):
            raise TimeoutError(f"search index busy for {WRITE_TIMEOUT:.0f} s")
        try:
            if current_build() != build:  # a rebuild swapped in a new index meanwhile
                continue
            writer = ix.writer(_lk=False)
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            else:
                writer.commit()
            return
        finally:
            lock.release()
    raise TimeoutError("search index kept changing under the writer")


def update_records(kind: str, ids: Iterable[int]) -> bool:
    """Re-read the records from PostGIS and update or delete them in the index.

    Returns False (and does nothing) when there is no index yet: a rebuild will read them.
    The records are read only once the write lock is held, so of two writers the later
    always writes the later state.
    """
    ids = sorted(set(ids))
    try:
        current_build()
    except IndexMissing:
        return False
    with _locked_writer() as writer:
        matcher = concepts.matcher_for(current_build())
        found = {doc["key"]: doc for doc in documents.documents(kind, ids, matcher=matcher)}
        analysis.DICTIONARY.add_names(doc["name_th"] for doc in found.values())
        with writer.searcher() as indexed:
            # A record the index already holds as it is is left alone: no new segment for nothing
            # (a rebuild re-reads the records the feed names, most often unchanged since its read).
            stored = {key: (indexed.document(key=key) or {}).get("digest") for key in found}
        for pk in ids:
            key = documents.record_key(kind, pk)
            if key not in found:
                writer.delete_by_term("key", key)
            elif stored[key] != found[key]["digest"]:
                writer.update_document(**documents.whoosh_fields(found[key]))
    return True


class _BuildWriter(SegmentWriter):
    """whoosh's writer, reading the new segment's field lengths once when it writes the postings:
    whoosh's own reader looks each length up in the file for every posting (a million of them in
    the demo's index), and for a field without lengths looks for the file each time, a third of the
    commit's time."""

    def per_document_reader(self):
        return _Lengths(super().per_document_reader())


_ABSENT = object()


class _Lengths:
    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, list | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        if fieldname not in self._fields:
            self._fields[fieldname] = self._read(fieldname)
        lengths = self._fields[fieldname]
        return default if lengths is None else lengths[docnum]

    def _read(self, fieldname: str) -> list | None:
        """The field's lengths by document, as whoosh's reader gives them; None: not kept."""
        reader, count = self._reader, self._reader.doc_count_all()
        if not count or reader.doc_field_length(0, fieldname, _ABSENT) is _ABSENT:
            return None
        return [reader.doc_field_length(docnum, fieldname) for docnum in range(count)]

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


@dataclass
class BuildReport:
    records: int
    seconds: float
    caught_up: int
    # Seconds of each step: reading the records (PostGIS, places, concept tags), analysing them into
    # the writer, the writer's commit (postings sorted and written), the catch-up pass.
    steps: dict[str, float] = field(default_factory=dict)


def rebuild(*, procs: int = 1, limitmb: int = 256) -> BuildReport:
    """Build a fresh index of every public record from PostGIS and swap it in."""
    started = time.perf_counter()
    path = index_path()
    builds = _builds_dir(path)
    builds.mkdir(parents=True, exist_ok=True)
    build = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    build.mkdir()
    steps: dict[str, float] = {}
    mark = time.perf_counter()
    from . import feed

    # What has committed before PostGIS is read: the catch-up applies the change feed from here.
    read_from = feed.current_snapshot()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps[name] = now - mark
        mark = now

    try:
        matcher = concepts.write_matcher_file(build)
        # Every name goes into the Thai dictionary before any text is segmented with it (the
        # records' names: all_documents).
        provinces = documents.province_names()
        analysis.DICTIONARY.add_names(provinces)
        docs = list(documents.all_documents(matcher))
        names = sorted(
            {
                word
                for name in [*(d["name_th"] for d in docs), *provinces]
                for word in analysis.name_words(name)
            }
        )
        (build / NAMES_FILE).write_text("\n".join(names))
        step("read")
        ix = whoosh_index.create_in(str(build), build_schema())
        if procs > 1:
            writer = ix.writer(procs=procs, limitmb=limitmb, multisegment=True)
        else:
            writer = _BuildWriter(ix, limitmb=limitmb)
        count = len(docs)
        try:
            for doc in docs:
                writer.add_document(**documents.whoosh_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        step("analyse")
        writer.commit()
        step("commit")
        (build / META_FILE).write_text(
            json.dumps(
                {
                    "schema_version": SCHEMA_VERSION,
                    "records": count,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                }
            )
        )
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    _swap_in(path, build)
    _loaded_names.add(str(build))
    caught_up = _apply_changes_since(read_from)
    step("catch_up")
    _remove_old_builds(builds, keep=build)
    return BuildReport(records=count, seconds=time.perf_counter() - started, caught_up=caught_up, steps=steps)


def _swap_in(path: Path, build: Path) -> None:
    link = path.parent / f".{path.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(build, path.parent))
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # an index from before builds were swapped in by a link
    os.replace(link, path)


def _remove_old_builds(builds: Path, *, keep: Path) -> None:
    current = Path(os.path.realpath(index_path()))
    for old in builds.iterdir():
        if old in (keep, current):
            continue
        complete = (old / META_FILE).exists()
        abandoned = time.time() - old.stat().st_mtime > STALE_PARTIAL_BUILD
        if complete or abandoned:
            # Readers that still have the old files open keep reading them until they refresh.
            shutil.rmtree(old, ignore_errors=True)


def _apply_changes_since(snapshot: str) -> int:
    """After a rebuild: the records changed since `snapshot` (taken before the build read PostGIS,
    so any change it may have missed, or that the on-commit sync wrote into the old build, is in the
    change feed after it) re-read into the new build; this node's place in the feed moved past them.
    Returns how many records were re-read."""
    from . import feed

    window = feed.read_since(snapshot)
    count = 0
    for kind, ids in window.changes.items():
        for changed_kind, changed_ids in changes.with_dependents(kind, sorted(ids)):
            update_records(changed_kind, changed_ids)
            count += len(changed_ids)
    feed.advance(feed.node_name(), window.snapshot)
    return count


def catch_up() -> int:
    """Make the index equal PostGIS: add, update and delete what differs; returns how many.

    Reads PostGIS only once the write lock is held (see update_records). Cheap when nothing
    changed: documents are compared by digest, nothing is analysed. Moves this node's place in the
    change feed to a snapshot taken before PostGIS was read: the index has every change committed by
    then (culturalmap.search.feed).
    """
    from . import feed

    read_from = feed.current_snapshot()
    with _locked_writer() as writer:
        with writer.searcher() as indexed:
            stored = {fields["key"]: fields.get("digest") for fields in indexed.all_stored_fields()}
        changed = 0
        seen = set()
        for doc in documents.all_documents(concepts.matcher_for(current_build())):
            seen.add(doc["key"])
            if stored.get(doc["key"]) != doc["digest"]:
                analysis.DICTIONARY.add_names([doc["name_th"]])
                writer.update_document(**documents.whoosh_fields(doc))
                changed += 1
        for key in stored.keys() - seen:
            writer.delete_by_term("key", key)
            changed += 1
    feed.advance(feed.node_name(), read_from)
    return changed


def refresh_thesaurus() -> int:
    """After the thesaurus changed: the index's matcher rewritten from it, and every record whose
    concepts changed with it re-indexed; returns how many."""
    try:
        build = current_build()
    except IndexMissing:
        return 0
    concepts.write_matcher_file(build)
    return catch_up()


def ensure_current() -> str:
    """Rebuild when there is no index of this schema, otherwise catch up; says which."""
    try:
        current_build()
    except IndexMissing:
        rebuild()
        return "built"
    return f"up to date ({catch_up()} records updated)"
