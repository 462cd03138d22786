"""The model: the plain data every part shares. Findings and results (findings.py),
messages and ledgers (messages.py), settings, errors, and the strict YAML reading and
schema that every file chatlint reads goes through."""
