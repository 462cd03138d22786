"""Output formats. Each knows Results and Findings, nothing of spaCy or rules' internals."""
