"""A datatrove pipeline step that strips scraped junk out of each document's text.

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from dechaff.datatrove import DechaffFormatter
>>> LocalPipelineExecutor(
...     pipeline=[
...         JsonlReader("corpus/"),
...         DechaffFormatter(profile="article"),
...         JsonlWriter("clean/"),
...     ],
...     tasks=4,
... ).run()

The step rewrites ``doc.text`` and keeps datatrove statistics: ``docs_changed`` (documents
that lost something), ``removed_chars`` (characters removed, per changed document) and, for
each rule that fired, ``rule/<id>``: the lines it removed (a line a rule cut spans from counts
once, as ``dechaff clean --annotate`` counts them). With ``keep_removals=True`` it also stores
what went in ``doc.metadata["dechaff"]``, a list of ``{"rule", "lines", "start", "end",
"text"}`` (1-based line numbers, character offsets into the text before cleaning).

The step is a ``PipelineStep`` with the formatter's type and its ``format(text)`` method, as
datatrove's ``BaseFormatter`` has them; it does not subclass ``BaseFormatter`` because
importing that one imports datatrove's own formatters, which need the ``processing`` extras.
This module needs datatrove (``pip install datatrove``; its ``JsonlReader`` and
``JsonlWriter`` also need ``orjson``); ``import dechaff`` does not.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as error:  # pragma: no cover - exercised only without datatrove
    raise ImportError(
        f"dechaff.datatrove needs datatrove (pip install datatrove): {error}"
    ) from error

from ._dechaff import Cleaner

__all__ = ["DechaffFormatter"]

Names = Union[str, Iterable[str], None]


class DechaffFormatter(PipelineStep):
    """Strips scraped junk out of ``doc.text`` with dechaff's named rules.

    Args:
        profile: "safe" (default), "article" or "page"; see ``help(dechaff.Cleaner)``.
        select: run exactly these rules or categories (the whitespace tidying stays on).
        extend_select: rules or categories added to the profile's.
        ignore: rules or categories that do not run.
        rules: paths of TOML rule files.
        keep_removals: also store what went in ``doc.metadata[metadata_key]``.
        metadata_key: the metadata key for ``keep_removals`` (default "dechaff").

    Bad options raise ``ValueError`` when the step is built, not when the pipeline runs.
    The step pickles by its options, and each worker process compiles the rules once.
    """

    name = "🧹 dechaff"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        profile: str = "safe",
        select: Names = None,
        extend_select: Names = None,
        ignore: Names = None,
        rules: Optional[Union[str, Iterable[str]]] = None,
        keep_removals: bool = False,
        metadata_key: str = "dechaff",
    ):
        super().__init__()
        self.cleaner = Cleaner(
            profile=profile,
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            rules=rules,
        )
        self.keep_removals = keep_removals
        self.metadata_key = metadata_key

    def format(self, text: str) -> str:
        """The cleaned text (what ``run`` writes to ``doc.text``)."""
        return self.cleaner.clean_text(text)

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                before = doc.text
                if self.keep_removals:
                    cleaned = self.cleaner.clean(before)
                    text, counts = cleaned.text, cleaned.counts()
                    doc.metadata[self.metadata_key] = [
                        {
                            "rule": r.rule,
                            "lines": list(r.lines),
                            "start": r.start,
                            "end": r.end,
                            "text": r.text,
                        }
                        for r in cleaned.removals
                    ]
                else:
                    text, counts = self.cleaner.clean_counts(before)
                doc.text = text
            if counts:
                self.stat_update("docs_changed")
                self.stat_update("removed_chars", value=len(before) - len(text))
                for rule, lines in counts.items():
                    self.stat_update(f"rule/{rule}", value=lines)
            yield doc
