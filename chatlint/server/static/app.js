// The checking page: re-checks the draft as it is typed (POST /v1/check), marks the
// problem spans, lists the findings, applies a finding's fix in one click.
// Offsets from the server count Unicode code points; JavaScript strings count
// UTF-16 units, so every offset goes through u16() before use.
"use strict";

const UI = {
  en: {
    title: "Check a reply", interface: "Interface", customer_message: "Customer's message",
    customer_placeholder: "Paste the customer's message…", customer_name: "Customer's name",
    name_placeholder: "e.g. Michael", language: "Reply language", auto: "Detect",
    auto_detected: "Detect ({lang})", position: "Place in the chat", pos_unknown: "Unknown",
    pos_first: "First reply", pos_middle: "Mid-conversation", pos_closing: "Closing",
    draft: "Your reply", draft_placeholder: "Type your reply…", score: "Score",
    empty: "Type a reply to check it.", checking: "Checking…", no_findings: "No findings: good to send.",
    apply: "Apply", critical: "Critical: this sets the score to 0.",
    failed: "Could not check: {detail}", offline: "The chatlint server is not reachable.",
    detected: "{lang}, detected", chosen: "{lang}",
    level_error: "error", level_warning: "warning", level_info: "note",
    lang_id: "Indonesian", lang_el: "Greek", lang_en: "English",
  },
  id: {
    title: "Periksa balasan", interface: "Antarmuka", customer_message: "Pesan pelanggan",
    customer_placeholder: "Tempel pesan pelanggan…", customer_name: "Nama pelanggan",
    name_placeholder: "mis. Michael", language: "Bahasa balasan", auto: "Deteksi",
    auto_detected: "Deteksi ({lang})", position: "Posisi dalam chat", pos_unknown: "Tidak diketahui",
    pos_first: "Balasan pertama", pos_middle: "Di tengah percakapan", pos_closing: "Penutup",
    draft: "Balasan Anda", draft_placeholder: "Ketik balasan Anda…", score: "Skor",
    empty: "Ketik balasan untuk memeriksanya.", checking: "Memeriksa…",
    no_findings: "Tidak ada temuan: siap dikirim.", apply: "Terapkan",
    critical: "Kritis: skor menjadi 0.", failed: "Gagal memeriksa: {detail}",
    offline: "Server chatlint tidak dapat dihubungi.", detected: "{lang}, terdeteksi", chosen: "{lang}",
    level_error: "kesalahan", level_warning: "peringatan", level_info: "catatan",
    lang_id: "Bahasa Indonesia", lang_el: "Bahasa Yunani", lang_en: "Bahasa Inggris",
  },
  el: {
    title: "Έλεγχος απάντησης", interface: "Γλώσσα διεπαφής", customer_message: "Μήνυμα πελάτη",
    customer_placeholder: "Επικολλήστε το μήνυμα του πελάτη…", customer_name: "Όνομα πελάτη",
    name_placeholder: "π.χ. Μαρία", language: "Γλώσσα απάντησης", auto: "Αυτόματα",
    auto_detected: "Αυτόματα ({lang})", position: "Θέση στη συνομιλία", pos_unknown: "Άγνωστη",
    pos_first: "Πρώτη απάντηση", pos_middle: "Στη μέση", pos_closing: "Κλείσιμο",
    draft: "Η απάντησή σας", draft_placeholder: "Γράψτε την απάντησή σας…", score: "Βαθμός",
    empty: "Γράψτε μια απάντηση για να ελεγχθεί.", checking: "Έλεγχος…",
    no_findings: "Κανένα εύρημα: έτοιμο για αποστολή.", apply: "Εφαρμογή",
    critical: "Κρίσιμο: ο βαθμός γίνεται 0.", failed: "Ο έλεγχος απέτυχε: {detail}",
    offline: "Ο διακομιστής chatlint δεν είναι διαθέσιμος.", detected: "{lang}, εντοπίστηκε",
    chosen: "{lang}", level_error: "σφάλμα", level_warning: "προειδοποίηση", level_info: "σημείωση",
    lang_id: "Ινδονησιακά", lang_el: "Ελληνικά", lang_en: "Αγγλικά",
  },
};
const LEVEL_RANK = { info: 0, warning: 1, error: 2 };
const $ = (id) => document.getElementById(id);
const els = {
  uiLang: $("ui-lang"), replyTo: $("reply-to"), name: $("name"), lang: $("lang"),
  position: $("position"), draft: $("draft"), highlights: $("highlights"), score: $("score"),
  meter: $("meter-bar"), scoreMini: $("score-mini"), detected: $("detected"), status: $("status"), findings: $("findings"),
};
let ui = "en";
let result = null;       // the last result shown; its .text is the draft it was computed on
let seq = 0;             // the newest request; older answers are dropped
let timer = null;

function t(key, vars) {
  const text = (UI[ui] && UI[ui][key]) || UI.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? vars[k] : ""));
}

// A code-point offset in `text` as a UTF-16 index.
function u16(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function setUiLanguage(lang) {
  ui = UI[lang] ? lang : "en";
  document.documentElement.lang = ui;
  els.uiLang.value = ui;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  for (const option of els.lang.options) {
    if (option.value !== "auto") option.textContent = t("lang_" + option.value);
  }
  render();
}

// ---- checking ----------------------------------------------------------------

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 120);
}

async function check() {
  clearTimeout(timer);
  const text = els.draft.value;
  const mine = ++seq;
  if (!text.trim()) { result = null; render(); return; }
  const body = {
    text, reply_to: els.replyTo.value.trim() ? els.replyTo.value : null,
    name: els.name.value.trim() || null, lang: els.lang.value, position: els.position.value || null,
  };
  try {
    const response = await fetch("/v1/check", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const data = await response.json();
    if (mine !== seq) return;
    if (!response.ok) { result = null; render(t("failed", { detail: data.detail || data.error })); return; }
    result = data;
    render();
  } catch (err) {
    if (mine === seq) { result = null; render(t("offline")); }
  }
}

// ---- showing -----------------------------------------------------------------

function render(problem) {
  renderHighlights();
  const current = result && result.text === els.draft.value ? result : null;
  els.status.classList.toggle("problem", Boolean(problem));
  const autoOption = els.lang.options[0];
  autoOption.textContent = current && els.lang.value === "auto"
    ? t("auto_detected", { lang: t("lang_" + current.lang) }) : t("auto");
  if (!result) {
    els.score.textContent = "–";
    els.score.className = "score";
    els.scoreMini.textContent = "";
    els.meter.style.width = "0";
    els.detected.textContent = "";
    els.findings.replaceChildren();
    els.status.textContent = problem || (els.draft.value.trim() ? t("checking") : t("empty"));
    return;
  }
  const grade = result.score >= 80 ? "good" : result.score >= 50 ? "ok" : "bad";
  els.score.textContent = String(result.score);
  els.score.className = "score " + grade;
  els.scoreMini.textContent = `${t("score")} ${result.score}/100 · ${result.findings.length}`;
  els.scoreMini.className = "score-mini " + grade;
  els.meter.style.width = result.score + "%";
  els.meter.className = grade;
  els.detected.textContent = t(els.lang.value === "auto" ? "detected" : "chosen",
                               { lang: t("lang_" + result.lang) });
  els.status.textContent = result.findings.length ? "" : t("no_findings");
  els.findings.replaceChildren(...result.findings.map(findingItem));
}

function findingItem(f, index) {
  const li = document.createElement("li");
  li.className = f.level;
  li.dataset.rule = f.rule;
  li.dataset.index = index;
  const head = document.createElement("div");
  head.className = "head";
  head.innerHTML = `<span class="level">${escapeHtml(t("level_" + f.level))}</span>` +
                   `<span class="rule">${escapeHtml(f.rule)}</span>`;
  li.append(head);
  for (const [cls, text] of [["message", f.message], ["suggestion", f.suggestion && "→ " + f.suggestion]]) {
    if (!text) continue;
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    li.append(p);
  }
  if (f.critical) {
    const p = document.createElement("p");
    p.className = "critical";
    p.textContent = t("critical");
    li.append(p);
  }
  if (f.fix) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "apply";
    const text = result.text;
    const old = text.slice(u16(text, f.fix.start), u16(text, f.fix.end));
    const edit = old ? `“${old}” → “${f.fix.text}”` : `+ “${f.fix.text.trim()}”`;
    button.innerHTML = `${escapeHtml(t("apply"))}: <code>${escapeHtml(edit)}</code>`;
    button.addEventListener("click", (event) => { event.stopPropagation(); applyFix(f); });
    li.append(button);
  }
  if (f.start !== null && f.end !== null && f.end > f.start) {
    li.classList.add("has-span");
    li.addEventListener("click", () => selectSpan(f));
    li.addEventListener("mouseenter", () => markActive(index, true));
    li.addEventListener("mouseleave", () => markActive(index, false));
  }
  return li;
}

// The draft again, with each stretch covered by findings marked at its worst level.
// While the next check is on its way, spans before the first edited character stay marked.
function renderHighlights() {
  const text = els.draft.value;
  let spans = [];
  if (result) {
    const old = result.text;
    let same = 0;
    while (same < old.length && same < text.length && old[same] === text[same]) same++;
    spans = result.findings
      .map((f, i) => ({ f, i, start: f.start === null ? null : u16(old, f.start), end: f.end === null ? null : u16(old, f.end) }))
      .filter((s) => s.start !== null && s.end !== null && s.end > s.start && s.end <= same);
  }
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = escapeHtml(text.slice(a, b));
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { html += piece; continue; }
    const worst = over.reduce((x, y) => (LEVEL_RANK[y.f.level] > LEVEL_RANK[x.f.level] ? y : x)).f.level;
    html += `<mark class="${worst}" data-findings="${over.map((s) => s.i).join(" ")}">${piece}</mark>`;
  }
  // A trailing newline needs a character after it to take up its line, as in the textarea.
  els.highlights.innerHTML = html + " ";
}

function markActive(index, on) {
  els.highlights.querySelectorAll("mark").forEach((m) => {
    if (m.dataset.findings.split(" ").includes(String(index))) m.classList.toggle("active", on);
  });
}

function selectSpan(f) {
  const text = els.draft.value;
  if (!result || result.text !== text) return;
  els.draft.focus();
  els.draft.setSelectionRange(u16(text, f.start), u16(text, f.end));
}

function applyFix(f) {
  const text = els.draft.value;
  if (!result || result.text !== text) { check(); return; }  // the draft moved on: offsets are stale
  const start = u16(text, f.fix.start), end = u16(text, f.fix.end);
  els.draft.focus();
  els.draft.setSelectionRange(start, end);
  // insertText keeps the edit on the undo stack (Ctrl+Z); setRangeText where it is missing.
  let done = false;
  try { done = document.execCommand("insertText", false, f.fix.text); } catch (err) { done = false; }
  if (!done || els.draft.value === text) els.draft.setRangeText(f.fix.text, start, end, "end");
  grow();
  check();
}

// The textarea grows with its text, so the marked copy behind it never needs scrolling.
function grow() {
  els.draft.style.height = "auto";
  els.draft.style.height = els.draft.scrollHeight + 2 + "px";
}

// ---- wiring ------------------------------------------------------------------

els.draft.addEventListener("input", () => { grow(); renderHighlights(); schedule(); });
for (const el of [els.replyTo, els.name]) el.addEventListener("input", schedule);
for (const el of [els.lang, els.position]) el.addEventListener("change", check);
els.uiLang.addEventListener("change", () => {
  try { localStorage.setItem("chatlint.ui", els.uiLang.value); } catch (err) { /* private mode */ }
  setUiLanguage(els.uiLang.value);
});
window.addEventListener("resize", grow);

let saved = null;
try { saved = localStorage.getItem("chatlint.ui"); } catch (err) { saved = null; }
setUiLanguage(saved || document.documentElement.lang);  // the server set lang from Accept-Language
grow();
if (els.draft.value.trim()) check();
