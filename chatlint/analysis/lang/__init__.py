"""Languages: normalisation, detection, lexicons and spaCy pipelines.

The installed languages are those with a lexicon (rules/lexicons/<lang>.yaml).
"""
