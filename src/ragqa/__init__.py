"""ragqa: question answering over Korean reports with verified citations."""

__version__ = "0.1.0"
