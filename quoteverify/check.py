"""The public API: wires read → extract → gather → align → judge into a `Report`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InputError
from .gather import FileAdapter, OfflineAdapter, SourceAdapter, gather, links_in
from .model import Document, DocumentReport, Finding, Notice, Quote, Report, Source
from .read import document_from_bytes, post_date, read_input
from .speakers import SpeakerRegistry, load_registry, registry_path
from .speakers import merge as merge_aliases

if TYPE_CHECKING:
    from .align import PreparedTexts
    from .judge import Thresholds
    from .web import WebClient

DEFAULT_FAIL_ON: tuple[str, ...] = ("altered", "misattributed")
_URL = re.compile(r"(?i)^https?://")


@dataclass(frozen=True)
class CheckOptions:
    """Everything a run depends on; the CLI builds one from flags and config."""

    sources: tuple[str, ...] = ()
    library: str | None = None
    follow_links: bool = True
    offline: bool = False
    allow_private: bool = False
    ignore_robots: bool = False
    refresh: bool = False
    archive: bool = False
    cache_dir: str | None = None
    timeout: float = 20.0
    thresholds: Thresholds | None = None
    aliases: tuple[tuple[str, str], ...] = ()
    # YYYY-MM-DD the post was published; picks archive captures (and discovery dates). None: from
    # the input's front matter when it has one.
    post_date: str | None = None
    # The speakers registry (TOML); None: speakers.toml in the library folder when present.
    speakers: str | None = None
    # Discovery providers (docs/discovery.md); empty: nothing is fetched beyond the given
    # sources and the input's links.
    discover: tuple[str, ...] = ()
    # Announce what discovery would send, send nothing, and run offline.
    dry_run: bool = False
    # Send Mastodon API calls to this server instead of each account's own.
    mastodon_server: str | None = None
    # The approved-quotes file (TOML, see quoteverify.ignore); None: no approvals.
    approved: str | None = None
    # A git ref: report only the quotes on lines changed since it (see quoteverify.changes).
    changed_since: str | None = None
    # The library's index database (default: in the user cache directory).
    library_db: str | None = None


class Checker:
    """Runs the pipeline. One Checker may check many inputs; it holds no global state."""

    def __init__(
        self,
        options: CheckOptions = CheckOptions(),
        adapters: Sequence[SourceAdapter] | None = None,
        announce: Callable[[str], None] | None = None,
    ) -> None:
        if options.dry_run and not options.offline:
            # A dry run must send nothing at all: the input's links are read from the cache only.
            options = replace(options, offline=True)
        self.options = options
        # Where discovery says which service receives which query (default: stderr).
        self._announce = announce
        self._web: WebClient | None = None
        self._adapters = list(adapters) if adapters is not None else None
        self._given_adapters = adapters is not None
        self._registry: SpeakerRegistry | None = None
        # Checked quotes left out by ``changed_since`` in the last run.
        self.unchanged = 0

    # -- stages --------------------------------------------------------
    def read(self, inputs: Iterable[str], stdin: IO[bytes] | None = None) -> list[Document]:
        docs = []
        for spec in inputs:
            web = self.web() if _URL.match(spec) and not self.options.offline else None
            docs.append(read_input(spec, stdin=stdin, web=web))
        return docs

    def quotes(self, document: Document) -> tuple[Quote, ...]:
        """The quotes of one document, each with the words a reader sees (HTML: no tags, no entities)."""
        from .extract import extract_quotes

        quotes = extract_quotes(document, self.aliases() or None)
        if not document.plain_map:
            return tuple(quotes)
        # Offsets stay in the markup as written; the words checked are the visible ones, so that
        # an <em> around a word is never taken for an added word.
        return tuple(replace(q, text=document.visible(q.start, q.end)) for q in quotes)

    def notices(self, document: Document) -> tuple[Notice, ...]:
        """What kept words of ``document`` from being checked (a quote mark never closed)."""
        from .extract.unclosed import unclosed_quotes

        return unclosed_quotes(document)

    def extract_document(self, document: Document) -> DocumentReport:
        quotes = self.quotes(document)
        findings = tuple(Finding(quote=q, verdict=None, reason=_kind_reason(q)) for q in quotes)
        return DocumentReport(input=document.location, document=document, findings=findings, notices=self.notices(document))

    def source_specs(self, documents: Sequence[Document]) -> list[str]:
        specs = list(self.options.sources)
        if self.options.library and not self._library_folder():
            specs.append(self.options.library)  # not a folder: gather reports it unreachable
        if self.options.follow_links:
            for doc in documents:
                specs += [u for u in links_in(doc) if u != doc.location]
        return specs

    def gather(self, specs: Sequence[str]) -> tuple[Source, ...]:
        return gather(specs, self.adapters())

    def judge_documents(self, documents: Sequence[Document], sources: Sequence[Source]) -> Report:
        # Imported here so that each stage's package imports on its own.
        from .extract import source_turns
        from .judge import Judge, Thresholds

        def make_judge(given: Sequence[Source], prepared: PreparedTexts | None = None) -> Judge:
            return Judge(
                given,
                self.options.thresholds or Thresholds(),
                turns_for=source_turns,
                same_person=self.registry().same,
                prepared=prepared,
            )

        if self._library_folder():
            # The library folder through its index: each quote aligned only against its candidates.
            from .library import Library, LibraryJudge

            with Library(self.options.library or "", self.options.library_db) as library:
                library_judge = LibraryJudge(library, sources, make_judge)
                report = self._judge_all(documents, library_judge)
                return replace(report, sources=library_judge.all_sources())
        return replace(self._judge_all(documents, make_judge(sources)), sources=tuple(sources))

    def _judge_all(self, documents: Sequence[Document], judge: Any) -> Report:
        # ``judge``: a Judge, or a LibraryJudge (the same ``judge(quote)``).
        reports = []
        for doc in documents:
            quotes = self.quotes(doc)
            reports.append(DocumentReport(doc.location, doc, tuple(judge.judge(q) for q in quotes), self.notices(doc)))
        return Report(documents=tuple(reports))

    def _library_folder(self) -> bool:
        return bool(self.options.library) and Path(self.options.library or "").is_dir()

    # -- whole runs ------------------------------------------------------
    def check(self, inputs: Iterable[str], stdin: IO[bytes] | None = None) -> Report:
        try:
            documents = self.read(inputs, stdin)
            return self.check_documents(documents)
        finally:
            self.close()

    def check_documents(self, documents: Sequence[Document]) -> Report:
        if self.options.post_date is None:
            dated = next((d for d in map(post_date, documents) if d), None)
            if dated is not None:
                self.options = replace(self.options, post_date=dated)
                if self._web is not None and not self._given_adapters:
                    self.close()  # made before the date was known (a URL input)
        # Problems with the approved file or the git ref surface before any slow work.
        from .ignore import Ignorer, load_approved

        ignorer = Ignorer(load_approved(self.options.approved) if self.options.approved else ())
        changed = None
        if self.options.changed_since:
            from .changes import changed_in

            changed = changed_in([d.location for d in documents], self.options.changed_since)
        sources = self.gather(self.source_specs(documents))
        if self.options.discover:
            sources = sources + self.discover(documents, sources)
        report = ignorer.report(self.judge_documents(documents, sources))
        if changed is not None:
            from .changes import keep_changed

            report, self.unchanged = keep_changed(report, changed)
        return report

    def discover(self, documents: Sequence[Document], sources: Sequence[Source]) -> tuple[Source, ...]:
        """Candidate originals for the quotes the given sources do not verify (`quoteverify.discover`)."""
        from .discover import Discovery, holds, stderr_announce

        first = self.judge_documents(documents, sources)
        discovery = Discovery(
            self.options.discover,
            self.web(),
            self.registry(),
            announce=self._announce or stderr_announce,
            dry_run=self.options.dry_run,
            mastodon_server=self.options.mastodon_server,
        )
        by_location = {s.location: s for s in sources}
        queries = []
        for report in first.documents:
            links = [u for u in links_in(report.document) if u != report.document.location]
            for f in report.findings:
                if f.verdict in (None, "verified"):
                    continue
                query = discovery.query(f.quote, date=self.options.post_date)
                # The post's links that are dead, or whose live page no longer holds the words: for the archive.
                stale = tuple(u for u in links if not (u in by_location and by_location[u].ok and holds(by_location[u].text, query.phrase)))
                queries.append(replace(query, links=stale))
        found = discovery.run(queries)
        # The same original counts once, as in gather; an archived copy of a changed page is new text.
        known = {s.sha256 if s.ok and s.sha256 else s.location for s in sources}
        return tuple(s for s in found if (s.sha256 if s.ok and s.sha256 else s.location) not in known)

    def extract(self, inputs: Iterable[str], stdin: IO[bytes] | None = None) -> tuple[DocumentReport, ...]:
        try:
            return tuple(self.extract_document(d) for d in self.read(inputs, stdin))
        finally:
            self.close()

    # -- plumbing ----------------------------------------------------------
    def registry(self) -> SpeakerRegistry:
        """The speakers registry of this run (empty when there is none)."""
        if self._registry is None:
            path = registry_path(self.options.speakers, self.options.library)
            self._registry = load_registry(path) if path is not None else SpeakerRegistry()
        return self._registry

    def aliases(self) -> dict[str, str]:
        """Name → canonical name for the extractor: the registry's, then the explicit ``aliases``."""
        return dict(merge_aliases(self.registry(), self.options.aliases))

    def adapters(self) -> list[SourceAdapter]:
        if self._adapters is None:
            web: SourceAdapter
            if self.options.offline and not self._web_available():
                web = OfflineAdapter()
            else:
                from .web import StderrProgress, WebAdapter

                web = WebAdapter(self.web(), progress=StderrProgress())
            self._adapters = [FileAdapter(), web]
        return self._adapters

    @staticmethod
    def _web_available() -> bool:
        try:
            import quoteverify.web  # noqa: F401
        except ImportError:
            return False
        return True

    def web(self) -> WebClient:
        if self._web is None:
            from .web import WebClient, WebOptions

            self._web = WebClient(
                WebOptions(
                    offline=self.options.offline,
                    allow_private=self.options.allow_private,
                    ignore_robots=self.options.ignore_robots,
                    refresh=self.options.refresh,
                    archive=self.options.archive,
                    cache_dir=self.options.cache_dir,
                    read_timeout=self.options.timeout,
                    post_date=self.options.post_date,
                )
            )
        return self._web

    def close(self) -> None:
        if self._web is not None:
            self._web.close()
            self._web = None
            if not self._given_adapters:
                self._adapters = None


def _kind_reason(quote: Quote) -> str:
    if quote.kind == "term":
        return "quoted term, not a statement"
    if quote.kind == "document":
        return "reposted passage; the quotes inside it are checked one by one"
    return "extracted, not checked"


def _as_document(text_or_path: str | Path) -> tuple[str | None, Document | None]:
    """A path or URL is read as an input; any other string is the text itself."""
    if isinstance(text_or_path, Path):
        return str(text_or_path), None
    if text_or_path == "-" or _URL.match(text_or_path):
        return text_or_path, None
    if "\n" not in text_or_path and len(text_or_path) < 4096:
        try:
            if Path(text_or_path).is_file():
                return text_or_path, None
        except OSError:
            pass
    if not text_or_path.strip():
        raise InputError("<text>: is empty", "give the text to check")
    return None, document_from_bytes(text_or_path.encode("utf-8"), "<text>")


def check(
    text_or_path: str | Path,
    sources: Sequence[str] = (),
    *,
    library: str | None = None,
    offline: bool = False,
    options: CheckOptions | None = None,
) -> Report:
    """Check every quote in a text (or the file or URL it names) against the sources.

    >>> report = check("drafts/story.md", sources=["transcript.txt"])
    """
    opts = options or CheckOptions()
    opts = replace(opts, sources=tuple(opts.sources) + tuple(sources), library=library or opts.library, offline=offline or opts.offline)
    checker = Checker(opts)
    spec, document = _as_document(text_or_path)
    if document is None:
        assert spec is not None
        return checker.check([spec])
    try:
        return checker.check_documents([document])
    finally:
        checker.close()


def extract(text_or_path: str | Path, *, options: CheckOptions | None = None) -> tuple[Quote, ...]:
    """The quotes and speakers in a text (or the file or URL it names), unchecked."""
    checker = Checker(options or CheckOptions(offline=True))
    spec, document = _as_document(text_or_path)
    if document is None:
        assert spec is not None
        docs = checker.extract([spec])
        return tuple(f.quote for d in docs for f in d.findings)
    return checker.quotes(document)
