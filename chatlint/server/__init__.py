"""The local web page and HTTP API (`chatlint serve`).

`command.py` holds the click command and imports nothing heavy; `app.py` builds
the FastAPI application (needs the optional `chatlint[server]` dependencies);
`static/` is the page, served as is, with no external assets.
"""
