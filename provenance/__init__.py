"""provenance: a media provenance and syndication tracer."""

__version__ = "0.1.0"
