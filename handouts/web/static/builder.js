// The program builder page: keeps the program the clinician is building, and asks the server
// (the package's own validator and renderer) to check, estimate, preview, print and save it.
"use strict";

const TOKEN = document.querySelector('meta[name="handouts-token"]').content;
const CATALOG = Object.fromEntries(JSON.parse(document.getElementById("catalog-data").textContent).map(c => [c.id, c]));
const DOSE = ["hold_seconds", "repetitions", "sets", "times_a_day", "days_a_week"];
const $ = id => document.getElementById(id);

let program = blankProgram();
let checkTimer = null;
let checkNumber = 0;
let lastMinutes = null;

function blankProgram() {
  return { patient: "", date: $("date").defaultValue, follow_up: "", clinician: "", note: "",
           lang: $("lang").querySelector("option[selected]")?.value || $("lang").value,
           layout: $("layout").querySelector("option[selected]")?.value || $("layout").value,
           order: "position", exercises: [] };
}

function newItem(id) {
  const card = CATALOG[id];
  return { id, ...card.dose, each_side: card.each_side, note: "" };
}

// -- talking to the server ------------------------------------------------------------------
async function post(path, body) {
  return fetch(path, { method: "POST", headers: { "Content-Type": "application/json", "X-Handouts-Token": TOKEN },
                       body: JSON.stringify(body) });
}

async function fetchFile(path, body, busy) {
  status(busy);
  const response = await post(path, body || {});
  if (response.status === 422) {
    const result = await response.json();
    showProblems(result.problems);
    status("Not printed: fix what is marked in red.", true);
    return null;
  }
  if (!response.ok) {
    status(await response.text(), true);
    return null;
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "download";
  return { blob: await response.blob(), name, note: response.headers.get("X-Handouts-Note") || "" };
}

function download(file) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(file.blob);
  link.download = file.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  status(`Downloaded ${file.name} (in your browser's downloads). ${file.note}`);
}

function status(text, bad = false) {
  const line = $("status");
  line.textContent = text || "";
  line.classList.toggle("bad", bad);
}

// -- problems beside their fields ---------------------------------------------------------
function clearProblems() {
  document.querySelectorAll(".msg").forEach(m => { m.textContent = ""; });
  document.querySelectorAll("[aria-invalid]").forEach(f => f.removeAttribute("aria-invalid"));
  $("problems").hidden = true;
  $("problems").replaceChildren();
}

function fieldFor(path) {
  // 'exercises[2].hold_seconds' -> the second exercise's hold field; 'follow_up' -> the follow-up field
  const match = /^exercises\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (match) {
    const row = $("items").children[Number(match[1]) - 1];
    if (!row) return null;
    return match[2] ? row.querySelector(`[data-part="${match[2]}"]`) || row.querySelector(".item-msg") : row.querySelector(".item-msg");
  }
  return document.querySelector(`[data-field="${CSS.escape(path)}"]`);
}

function showProblems(problems) {
  clearProblems();
  const loose = [];
  for (const p of problems) {
    const field = p.field ? fieldFor(p.field) : null;
    if (!field) { loose.push(p.line); continue; }
    const msg = messageFor(field);
    if (!msg) { loose.push(p.line); continue; }
    // a dose's message goes under its row of fields, named after the field it is about
    const text = field.dataset.label && field.dataset.part !== "note" ? `${field.dataset.label}: ${p.message}` : p.message;
    msg.textContent = msg.textContent ? `${msg.textContent} ${text}` : text;
    if (!field.classList.contains("msg")) field.setAttribute("aria-invalid", "true");
  }
  if (loose.length) {
    $("problems").replaceChildren(...loose.map(text => Object.assign(document.createElement("li"), { textContent: text })));
    $("problems").hidden = false;
  }
  const first = document.querySelector(".msg:not(:empty)");
  if (first && !isVisible(first)) first.scrollIntoView({ block: "nearest" });
}

function messageFor(field) {
  if (field.classList.contains("msg")) return field;
  const row = field.closest(".item");
  if (row) return row.querySelector(field.dataset.part === "note" ? ".note-msg" : ".dose-msg");
  return field.closest("label, fieldset")?.querySelector(".msg") || null;
}

function isVisible(element) {
  // inside its scrolling column, and not under the program's footer (minutes and print buttons)
  const box = element.getBoundingClientRect();
  const column = element.closest("section")?.getBoundingClientRect() || { top: 0 };
  const footer = element.closest("#program") ? document.querySelector(".finish").getBoundingClientRect().top : window.innerHeight;
  return box.top >= column.top && box.bottom <= footer;
}

// -- checking and the minutes a day ---------------------------------------------------------
let unsaved = false;
window.addEventListener("beforeunload", event => {
  if (unsaved && program.exercises.length) { event.preventDefault(); event.returnValue = ""; }
});

function changed() {
  unsaved = true;
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, 200);
}

async function check() {
  const number = ++checkNumber;
  if (!program.exercises.length) {
    clearProblems();
    showMinutes(null);
    return;
  }
  const response = await post("/api/check", program);
  if (number !== checkNumber || !response.ok) return;  // a newer change is on its way
  const result = await response.json();
  showProblems(result.problems);
  showMinutes(result.minutes, result.problems.length > 0);
}

function showMinutes(minutes, stale = false) {
  const line = $("minutes");
  if (!program.exercises.length) {
    line.textContent = "";
    lastMinutes = null;
    return;
  }
  if (minutes !== null && minutes !== undefined) lastMinutes = minutes;
  if (lastMinutes === null) { line.textContent = ""; return; }
  line.textContent = `About ${lastMinutes} minute${lastMinutes === 1 ? "" : "s"} a day`;
  line.classList.toggle("stale", stale);
  line.title = stale ? "Fix what is marked in red to update this" : "The estimate printed on the program's first page";
}

// -- the program list -----------------------------------------------------------------------
function renderItems() {
  const list = $("items");
  const template = $("item-template");
  list.replaceChildren();
  program.exercises.forEach((item, index) => {
    const row = template.content.firstElementChild.cloneNode(true);
    const card = CATALOG[item.id] || { name: item.id, defaults: [] };
    row.dataset.index = index;
    row.querySelector(".number").textContent = `${index + 1}.`;
    row.querySelector(".name").textContent = card.name;
    row.querySelector(".thumb").src = `/picture/${encodeURIComponent(item.id)}.png`;
    for (const part of DOSE) {
      const input = row.querySelector(`[data-part="${part}"]`);
      input.value = item[part] ?? "";
      input.placeholder = input.placeholder || (card.dose?.[part] ? `${card.dose[part]}` : "");
      const cautious = (card.defaults || []).includes(part) && (item[part] ?? "") === (card.dose?.[part] ?? "");
      input.classList.toggle("cautious", cautious);
      input.title = (cautious ? "Our cautious default, not from the sources: set it for this patient. " : "") + input.dataset.doc;
    }
    row.querySelector('[data-part="each_side"]').checked = !!item.each_side;
    row.querySelector('[data-part="note"]').value = item.note || "";
    row.querySelector(".up").disabled = index === 0;
    row.querySelector(".down").disabled = index === program.exercises.length - 1;
    list.appendChild(row);
  });
  $("empty").hidden = program.exercises.length > 0;
  $("cautious-legend").hidden = !list.querySelector(".cautious");
  $("count").textContent = program.exercises.length ? `(${program.exercises.length})` : "";
  document.querySelectorAll(".card").forEach(card => {
    const added = program.exercises.some(e => e.id === card.dataset.id);
    card.classList.toggle("added", added);
    const button = card.querySelector(".add");
    button.textContent = added ? "Remove" : "Add";
    button.setAttribute("aria-pressed", added);
  });
  changed();
}

function move(from, to) {
  if (to < 0 || to >= program.exercises.length || from === to) return;
  const [item] = program.exercises.splice(from, 1);
  program.exercises.splice(to, 0, item);
  // an order set by hand is the order printed: grouping by body position would undo it
  const asListed = document.querySelector('input[name="order"][value="as listed"]');
  if (asListed && !asListed.checked) { asListed.checked = true; asListed.dispatchEvent(new Event("change", {bubbles: true})); }
  renderItems();
}

$("items").addEventListener("input", event => {
  const row = event.target.closest(".item");
  const part = event.target.dataset.part;
  if (!row || !part) return;
  const item = program.exercises[Number(row.dataset.index)];
  item[part] = event.target.type === "checkbox" ? event.target.checked : event.target.value;
  if (event.target.classList.contains("cautious") && item[part] !== CATALOG[item.id]?.dose?.[part]) {
    event.target.classList.remove("cautious");
    event.target.title = event.target.dataset.doc;
    $("cautious-legend").hidden = !$("items").querySelector(".cautious");
  }
  changed();
});

$("items").addEventListener("click", event => {
  const row = event.target.closest(".item");
  if (!row) return;
  const index = Number(row.dataset.index);
  if (event.target.closest(".up")) move(index, index - 1);
  else if (event.target.closest(".down")) move(index, index + 1);
  else if (event.target.closest(".remove")) { program.exercises.splice(index, 1); renderItems(); }
});

// drag and drop, by the row
let dragged = null;
$("items").addEventListener("dragstart", event => {
  const row = event.target.closest?.(".item");
  if (!row || ["INPUT", "TEXTAREA"].includes(document.activeElement?.tagName) && row.contains(document.activeElement)) {
    if (row) event.preventDefault();
    return;
  }
  dragged = Number(row.dataset.index);
  row.classList.add("dragging");
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", String(dragged));
});
$("items").addEventListener("dragover", event => {
  if (dragged === null) return;
  event.preventDefault();
  const row = event.target.closest(".item");
  document.querySelectorAll(".item.drop").forEach(r => r.classList.remove("drop"));
  if (row) row.classList.add("drop");
});
$("items").addEventListener("drop", event => {
  event.preventDefault();
  const row = event.target.closest(".item");
  if (dragged !== null && row) move(dragged, Number(row.dataset.index));
  dragged = null;
});
$("items").addEventListener("dragend", () => {
  dragged = null;
  document.querySelectorAll(".item.dragging, .item.drop").forEach(r => r.classList.remove("dragging", "drop"));
});

// -- the catalog ----------------------------------------------------------------------------
$("cards").addEventListener("click", event => {
  const button = event.target.closest(".add");
  if (!button) return;
  const id = button.dataset.id;
  const index = program.exercises.findIndex(e => e.id === id);
  if (index >= 0) program.exercises.splice(index, 1);
  else program.exercises.push(newItem(id));
  renderItems();
  if (index < 0) {  // show the new row (and where it went) without moving the catalog
    const row = $("items").lastElementChild;
    if (!isVisible(row)) row.scrollIntoView({ block: "nearest" });
    row.classList.add("new");
    setTimeout(() => row.classList.remove("new"), 1200);
  }
});

function filterCards() {
  const words = $("search").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const region = $("filter-region").value;
  const position = $("filter-position").value;
  const equipment = $("filter-equipment").value;
  let shown = 0;
  document.querySelectorAll(".card").forEach(card => {
    const ok = words.every(w => card.dataset.search.includes(w))
      && (!region || card.dataset.regions.split(" ").includes(region))
      && (!position || card.dataset.position === position)
      && (!equipment || card.dataset.equipment.split("|").includes(equipment));
    card.hidden = !ok;
    if (ok) shown += 1;
  });
  $("shown-count").textContent = `${shown} of ${Object.keys(CATALOG).length} exercises`;
  $("no-match").hidden = shown > 0;
}
["search", "filter-region", "filter-position", "filter-equipment"].forEach(id => $(id).addEventListener("input", filterCards));

// -- the program's own fields ---------------------------------------------------------------
const FIELDS = ["patient", "date", "follow_up", "clinician", "note", "lang", "layout"];
FIELDS.forEach(name => ["input", "change"].forEach(type => $(name).addEventListener(type, () => {
  if (program[name] === $(name).value) return;
  program[name] = $(name).value;
  changed();
})));
document.querySelectorAll('input[name="order"]').forEach(radio => radio.addEventListener("change", () => {
  program.order = document.querySelector('input[name="order"]:checked').value;
  changed();
}));

function showProgram() {
  const layouts = $("layout");
  if (program.layout && ![...layouts.options].some(o => o.value === program.layout)) {
    layouts.add(new Option(program.layout, program.layout));  // an opened file's own layout
  }
  FIELDS.forEach(name => { $(name).value = program[name] ?? ""; });
  document.querySelector(`input[name="order"][value="${program.order}"]`).checked = true;
  lastMinutes = null;
  renderItems();
}

// -- open, new, preview, download, save -------------------------------------------------------
$("open").addEventListener("click", () => $("open-file").click());
$("open-file").addEventListener("change", async () => {
  const file = $("open-file").files[0];
  $("open-file").value = "";
  if (!file) return;
  const response = await post("/api/open", { name: file.name, text: await file.text() });
  const shown = $("file-problems");
  if (response.status === 422) {
    const result = await response.json();
    shown.replaceChildren(...result.problems.map(p => Object.assign(document.createElement("li"), { textContent: p.line })));
    shown.hidden = false;
    status(`${file.name} was not opened: fix the problems listed above.`, true);
    return;
  }
  if (!response.ok) { status(await response.text(), true); return; }
  shown.hidden = true;
  program = (await response.json()).state;
  showProgram();
  unsaved = false;
  status(`Opened ${file.name}.`);
});

$("new").addEventListener("click", () => {
  if (program.exercises.length && !confirm("Start a new program? The one on the page is cleared (save it first if you need it).")) return;
  program = blankProgram();
  $("file-problems").hidden = true;
  showProgram();
  status("");
});

let previewFile = null;
$("preview").addEventListener("click", async () => {
  const file = await fetchFile("/api/preview", program, "Making the preview…");
  if (!file) return;
  clearProblems();
  previewFile = file;
  const frame = $("preview-frame");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(new Blob([file.blob], { type: "application/pdf" }));
  $("preview-dialog").showModal();
  status("");
});
$("close-preview").addEventListener("click", () => $("preview-dialog").close());
$("print").addEventListener("click", () => $("preview-frame").contentWindow.print());
$("dialog-download").addEventListener("click", () => previewFile && download(previewFile));

$("download").addEventListener("click", async () => {
  const file = await fetchFile("/api/pdf", program, "Printing…");
  if (file) { clearProblems(); download(file); }
});
$("save").addEventListener("click", async () => {
  const file = await fetchFile("/api/save", program, "Saving…");
  if (file) { clearProblems(); download(file); unsaved = false; }
});

document.querySelectorAll("[data-document]").forEach(button => button.addEventListener("click", async () => {
  const file = await fetchFile(`/api/${button.dataset.document}`, {}, `Printing ${button.textContent.trim()}…`);
  if (file) download(file);
}));

document.querySelectorAll(".notice .dismiss").forEach(button => button.addEventListener("click", () => button.parentElement.remove()));

showProgram();
filterCards();
