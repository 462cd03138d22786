"""The HTML report: one self-contained file (inline CSS and SVG charts, no script, no CDN).

Conversations are written to a temporary file as they are scored; the
summary (scores per admin, failure rate per rule, the response-time
distribution) is known only at the end and goes first in the report.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from ..conversation.scorecard import BUCKETS, duration, median_label, response_text

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;background:#f5f6f8}
header{background:#1d2433;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c4cad6}
main{padding:20px 28px;max-width:1100px}
section.card{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 18px;box-shadow:0 1px 3px #0002}
h2{font-size:18px;margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e7ec}
th{background:#f0f2f5}.num{text-align:right}
.score{font-weight:700}.good{color:#17803d}.fair{color:#a86400}.bad{color:#c0262d}
.bar{fill:#3b6fd8}.barbad{fill:#d8543b}.axis{font-size:12px;fill:#4a5263}
.chat{margin:8px 0 0}.msg{margin:6px 0;padding:8px 10px;border-radius:6px;max-width:80%}
.customer{background:#eef1f5}.agent{background:#e3f3e8;margin-left:auto}.system{color:#6b7280;font-style:italic;font-size:13px}
.meta{font-size:12px;color:#6b7280}.finding{font-size:13px;margin:4px 0 0;padding:4px 8px;border-left:3px solid}
.error{border-color:#c0262d;background:#fdecec}.warning{border-color:#d08a00;background:#fff6e0}.info{border-color:#3b6fd8;background:#eaf1ff}
.text{white-space:pre-wrap}details summary{cursor:pointer;font-weight:600}
"""


def _cls(score) -> str:
    if score is None:
        return ""
    return "good" if score >= 80 else "fair" if score >= 50 else "bad"


def _bars(rows, width=640, bar_h=22, bad=False) -> str:
    """A horizontal bar chart as inline SVG: rows of (label, value, max, text)."""
    label_w, height = 170, bar_h * len(rows) + 10
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for i, (label, value, top, text) in enumerate(rows):
        y = 5 + i * bar_h
        w = 0 if not top else (width - label_w - 70) * value / top
        parts.append(f'<text class="axis" x="0" y="{y + 15}">{escape(label)}</text>'
                     f'<rect class="{"barbad" if bad else "bar"}" x="{label_w}" y="{y + 3}" '
                     f'width="{w:.1f}" height="{bar_h - 8}"><title>{escape(label)}: {escape(text)}</title></rect>'
                     f'<text class="axis" x="{label_w + w + 6:.1f}" y="{y + 15}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


class HtmlReport:
    def __init__(self, path):
        self.path = Path(path)
        self.body = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.business = False  # response times in business minutes (seen on a conversation)

    def conversation(self, scored, row):
        conv = scored.conversation
        self.business = self.business or scored.business
        title = (f"{escape(conv.file)}:{conv.line} — {escape(scored.customer or 'customer')}"
                 f"{' (' + escape(conv.chat) + ')' if conv.chat else ''}")
        out = [f'<details class="card conversation" id="c{conv.number}-{conv.line}"'
               f'{" open" if row["findings"] else ""}><summary>{title} · score '
               f'<span class="score {_cls(scored.score)}">{scored.score}</span> · '
               f'{row["messages"]} messages · {median_label(scored.business)} '
               f'{duration(row["median_response_minutes"])}'
               f'</summary><div class="chat">']
        for item in scored.items:
            m = item.message
            when = m.time.strftime("%Y-%m-%d %H:%M") if m.time else ""
            if item.role == "system":
                out.append(f'<div class="msg system">{escape(m.sender + ": " if m.sender else "")}'
                           f'{escape(m.text)} <span class="meta">{when}</span></div>')
                continue
            meta = f"{escape(m.sender or item.role)} · {when} · line {m.line}"
            if item.score is not None:
                meta += f' · score <span class="score {_cls(item.score)}">{item.score}</span>'
            if item.wait is not None:
                meta += f" · replied after {escape(response_text(item))}"
            out.append(f'<div class="msg {item.role}"><div class="meta">{meta}</div>'
                       f'<div class="text">{escape(m.text)}</div>')
            for f in item.findings:
                suggestion = f"<br><i>{escape(f.suggestion)}</i>" if f.suggestion else ""
                out.append(f'<div class="finding {f.level}"><b>{escape(f.rule)}</b> ({f.level}): '
                           f'{escape(f.message or "")}{suggestion}</div>')
            out.append("</div>")
        out.append("</div></details>\n")
        self.body.write("".join(out))

    def finish(self, card, ledger, agents):
        summary = card.summary()
        admins = card.admin_rows()
        rules = card.rule_rates()
        head = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>chatlint report</title><style>{CSS}</style></head><body>",
                f"<header><h1>chatlint report</h1><p>{summary['conversations']} conversations · "
                f"{summary['messages']} messages · {summary['admin_messages']} from admins · overall score "
                f"<b>{summary['score'] if summary['score'] is not None else '-'}</b> · "
                f"{median_label(self.business)} {duration(summary['median_response_minutes'])}</p>"
                "<p class=\"note\">The <b>overall score</b> is the mean of the conversations' scores (each "
                "conversation: its admin messages and the conversation rules together). An <b>admin's "
                "score</b> is the mean of the scores of the messages that admin sent, so the two "
                "measure different things and need not agree."
                + (" Response times count business minutes only; each message also shows the time on "
                   "the clock." if self.business else "") + "</p>"
                f"<p>{escape(', '.join(ledger.files))}</p></header><main>"]
        head.append('<section class="card" id="admins"><h2>Score per admin</h2>'
                    '<p class="note">The mean score of the messages each admin sent.</p>')
        head.append(_bars([(a["admin"], a["score"] or 0, 100, f"{a['score']}") for a in admins]))
        head.append("<table><tr><th>admin</th><th class=num>messages</th><th class=num>conversations</th>"
                    f"<th class=num>score</th><th>{median_label(self.business)}</th><th>top failing rules</th></tr>")
        for a in admins:
            head.append(f"<tr><td>{escape(a['admin'])}</td><td class=num>{a['messages']}</td>"
                        f"<td class=num>{a['conversations']}</td><td class=\"num score {_cls(a['score'])}\">"
                        f"{a['score']}</td><td>{duration(a['median_response_minutes'])}</td>"
                        f"<td>{escape(', '.join(a['top_failing_rules']))}</td></tr>")
        head.append("</table></section>")
        head.append('<section class="card" id="rules"><h2>Failure rate per rule</h2>')
        head.append(_bars([(r["rule"], r["failure_rate"], 1, f"{r['failure_rate']:.0%} of {r['applied']}")
                           for r in rules], bad=True))
        head.append("</section>")
        head.append('<section class="card" id="response-times"><h2>Response times</h2>')
        dist = summary["response_times"]
        top = max(dist.values(), default=0)
        head.append(_bars([(label, dist[label], top, str(dist[label])) for _, label in BUCKETS]))
        head.append("</section>")
        head.append('<section class="card" id="conversations"><h2>Score per conversation</h2><table>'
                    "<tr><th>conversation</th><th>customer</th><th class=num>messages</th><th class=num>score</th>"
                    f"<th>{median_label(self.business)}</th><th>top failing rules</th></tr>")
        for row in card.rows():
            head.append(f"<tr><td><a href=\"#c{row['number']}-{row['line']}\">{escape(row['file'])}:{row['line']}"
                        f"</a></td><td>{escape(row['customer'] or '-')}</td><td class=num>{row['messages']}</td>"
                        f"<td class=\"num score {_cls(row['score'])}\">{row['score']}</td>"
                        f"<td>{duration(row['median_response_minutes'])}</td>"
                        f"<td>{escape(', '.join(row['top_failing_rules']))}</td></tr>")
        head.append("</table></section>")
        c = ledger.counts
        head.append(f'<section class="card" id="lines"><h2>Input</h2><p>{ledger.lines} lines: '
                    f"{c['message']} messages, {c['continuation']} continuation lines, {c['system']} system "
                    f"lines, {c['skipped']} skipped.</p><p>Admins: {escape(', '.join(agents) or 'none')}</p>")
        if ledger.skipped:
            head.append("<ul>" + "".join(f"<li>{escape(s.file)}:{s.line}: {escape(s.reason)}</li>"
                                         for s in ledger.skipped[:200]) + "</ul>")
        head.append("</section><h2>Conversations</h2>")
        self.body.flush()
        self.body.seek(0)
        with open(self.path, "w", encoding="utf-8") as f:
            f.write("".join(head))
            for chunk in iter(lambda: self.body.read(1 << 16), ""):
                f.write(chunk)
            f.write("</main></body></html>\n")
        self.body.close()
