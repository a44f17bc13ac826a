"""Pure functions over coded events: summaries an analyst reads before trusting a timeline."""

from .sources import SourceSummary, summarize_sources

__all__ = ["SourceSummary", "summarize_sources"]
