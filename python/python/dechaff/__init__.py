"""dechaff strips scraped junk out of plain text and leaves the article alone.

Web scrapers and article extractors leave leftovers in the text they produce: icon-font
strings, view counters, comment prompts, share and follow prompts, copyright footers,
stand-alone time stamps. A :class:`Cleaner` deletes them with named rules, whole lines or
exact spans, and records every deletion as a :class:`Removal` that names its rule.

>>> import dechaff
>>> cleaner = dechaff.Cleaner()
>>> cleaner.clean_text("Talks resumed on Monday.\\nViews: 1581\\nLeave a comment\\n")
'Talks resumed on Monday.\\n'
>>> [r.rule for r in cleaner.clean("Talks resumed.\\nViews: 1581\\n").removals]
['view-counter']

``dechaff.datatrove`` holds a datatrove pipeline step (``pip install datatrove``).
"""

from ._dechaff import (
    PROFILES,
    Cleaned,
    Cleaner,
    Removal,
    Rule,
    __version__,
    cache_info,
    categories,
    clear_cache,
    rules,
)

__all__ = [
    "PROFILES",
    "Cleaned",
    "Cleaner",
    "Removal",
    "Rule",
    "__version__",
    "cache_info",
    "categories",
    "clear_cache",
    "rules",
]
