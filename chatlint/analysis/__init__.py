"""Analysis: what a message says. Languages (lang/: normalisation, detection, lexicons,
pipelines, the language pack), features, signals (hand-written and learned, weights in
models/), `when:` conditions over them, and the forms of a customer's name."""
