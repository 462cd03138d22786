"""chatlint imports spaCy without spaCy's command line (chatlint/analysis/lang/spacy_import.py).

Each test runs in a fresh process: sys.modules of this one has long imported everything.
They fail when a spaCy release imports more of its command line while importing itself,
or when the stand-in changes what chatlint outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import chatlint

ROOT = Path(chatlint.__file__).resolve().parent.parent

CHECKS = [
    ["check", "--lang", "en", "--reply-to", "When will my order ship?", "Please be patient, it ships tomorrow 🙂"],
    ["check", "--lang", "id", "--reply-to", "Kapan dikirim ya kak?", "Besok pagi dikirim ya kak 🙏"],
    ["check", "--lang", "el", "--reply-to", "Πότε θα έρθει η παραγγελία;", "Αύριο θα σας έρθει :)"],
    ["check", "--format", "json", "--reply-to", "Where is my parcel??", "Not our fault. Ask the courier."],
]

SCRIPT = """
import contextlib, io, json, sys
{before}
from chatlint.cli import main

outputs = []
for args in {checks!r}:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(args, prog_name="chatlint")
        except SystemExit as exc:
            code = exc.code
    outputs.append([code, out.getvalue()])
cli = sorted(name for name in sys.modules if name == "spacy.cli" or name.startswith("spacy.cli."))
print(json.dumps({{"outputs": outputs, "cli": cli}}))
"""


def run(before: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    script = textwrap.dedent(SCRIPT.format(before=before, checks=CHECKS))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout)


def test_check_does_not_import_spacy_cli_and_says_the_same():
    plain = run("import spacy")
    assert "spacy.cli" in plain["cli"]  # spaCy's own `import spacy` imports its command line
    lean = run()
    assert lean["cli"] == [], "spaCy now imports more of spacy.cli than spacy.cli.info: see spacy_import.py"
    assert lean["outputs"] == plain["outputs"]
    assert [code for code, _ in lean["outputs"]] != [0] * len(CHECKS)  # some findings among them


def test_spacy_info_still_works_and_spacy_cli_imports_afterwards():
    script = textwrap.dedent("""
        import sys
        from chatlint.analysis.lang.spacy_import import import_spacy
        spacy = import_spacy()
        assert "spacy.cli" not in sys.modules and "spacy.cli.info" not in sys.modules
        import spacy.cli
        from spacy.cli.info import info
        assert info.__module__ == "spacy.cli.info" and spacy.info is not info  # the real one, behind ours
        data = spacy.info(silent=True)
        print(data["spacy_version"] == spacy.__version__)
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
