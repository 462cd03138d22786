"""Scored transcripts as data: JSON (one document), JSON Lines (one line per message), CSV.

All three stream: a conversation is written as soon as it is scored.
"""

from __future__ import annotations

import csv
import json

CSV_COLUMNS = ("file", "line", "conversation", "time", "sender", "role", "score", "rules", "levels",
               "findings", "text")


def message_row(scored, item) -> dict:
    m = item.message
    return {
        "file": m.file, "line": m.line, "end_line": m.end_line or m.line,
        "conversation": scored.conversation.id, "time": m.time.isoformat(sep=" ") if m.time else None,
        "sender": m.sender, "role": item.role, "text": m.text,
        "position": item.position, "score": item.score,
        "response_minutes": round(item.wait, 1) if item.wait is not None else None,
        # response_minutes counts business minutes when business hours are set; the clock's too
        "response_counted": ("business hours" if item.business else "clock") if item.wait is not None else None,
        "response_clock_minutes": round(item.clock_wait, 1) if item.clock_wait is not None else None,
        "findings": [f.to_dict() for f in item.findings],
    }


class JsonLinesWriter:
    def __init__(self, out):
        self.out = out

    def conversation(self, scored, row):
        for item in scored.items:
            self.out.write(json.dumps(message_row(scored, item), ensure_ascii=False) + "\n")

    def finish(self, card, ledger, agents):
        pass


class CsvWriter:
    def __init__(self, out):
        self.writer = csv.writer(out)
        self.writer.writerow(CSV_COLUMNS)

    def conversation(self, scored, row):
        for item in scored.items:
            r = message_row(scored, item)
            self.writer.writerow([
                r["file"], r["line"], r["conversation"], r["time"] or "", r["sender"], r["role"],
                "" if r["score"] is None else r["score"],
                ";".join(f["rule"] for f in r["findings"]), ";".join(f["level"] for f in r["findings"]),
                " | ".join(f["message"] or "" for f in r["findings"]), r["text"],
            ])

    def finish(self, card, ledger, agents):
        pass


class JsonWriter:
    """{"conversations": [...], "admins": [...], "rules": [...], "summary": {...}, "lines": {...}}"""

    def __init__(self, out):
        self.out = out
        self.first = True
        self.out.write('{\n "conversations": [')

    def conversation(self, scored, row):
        data = {**row, "messages": [message_row(scored, item) for item in scored.items]}
        self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(data, ensure_ascii=False))
        self.first = False

    def finish(self, card, ledger, agents):
        tail = {"admins": card.admin_rows(), "rules": card.rule_rates(),
                "summary": {**card.summary(), "agents": agents}, "lines": ledger.to_dict()}
        self.out.write("\n ],\n")
        body = json.dumps(tail, ensure_ascii=False, indent=1)[1:-1].strip("\n")
        self.out.write(body + "\n}\n")
