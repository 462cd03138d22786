"""Languages: normalisation, detection, lexicons and spaCy pipelines."""

LANGUAGES = ("id", "el", "en")
