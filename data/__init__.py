"""Research knowledge files and the demo corpus, installed as `corpus_research.data` (see README.md here)."""
