/* speechgen 讲话稿工作台：表单的增删排序、实时预览、保存与生成讲话稿。
 * No framework and no build step; every request goes to this server only. */
"use strict";

(function () {
  const csrf = (document.querySelector('meta[name="csrf"]') || {}).content || "";

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    let data = {};
    try {
      data = await response.json();
    } catch (e) {
      data = { ok: false, message: "服务器的回答无法识别（" + response.status + "）" };
    }
    data.status = response.status;
    return data;
  }

  const form = document.getElementById("brief");
  if (!form) return;

  const name = form.dataset.name;
  const statusEl = document.getElementById("status");
  const general = document.getElementById("general");
  let base = form.dataset.base;
  let dirty = false;
  let timer = null;
  let previewSeq = 0;

  function setStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "status" + (kind ? " " + kind : "");
  }

  function join(path, key) {
    return path ? path + "." + key : key;
  }

  function fieldsOf(obj) {
    return obj.querySelectorAll(":scope > .field, :scope > .group");
  }

  function itemsOf(list) {
    return list.querySelectorAll(":scope > .items > .item");
  }

  function contentOf(el) {
    return el.querySelector(":scope > .c");
  }

  /* Paths name fields as the command line does (measures[0].title). */
  function renumber(c, path) {
    if (c.matches("[data-obj]")) {
      for (const f of fieldsOf(c)) {
        const p = join(path, f.dataset.key);
        f.dataset.path = p;
        const inner = contentOf(f);
        if (inner) renumber(inner, p);
      }
    } else if (c.matches("[data-list]")) {
      itemsOf(c).forEach(function (item, i) {
        const p = path + "[" + i + "]";
        item.dataset.path = p;
        item.querySelector(":scope > .item-bar > .item-no").textContent = "第 " + (i + 1) + " 项";
        const inner = contentOf(item);
        if (inner) renumber(inner, p);
      });
    }
  }

  function renumberAll() {
    for (const top of form.querySelectorAll("[data-top]")) renumber(top, "");
  }

  function valueOf(c) {
    if (c.matches("[data-obj]")) {
      const out = {};
      for (const f of fieldsOf(c)) {
        const inner = contentOf(f);
        if (inner) out[f.dataset.key] = valueOf(inner);
      }
      return out;
    }
    if (c.matches("[data-list]")) {
      return Array.from(itemsOf(c)).map(function (item) {
        const origin = item.dataset.origin;
        return { o: origin === "" ? null : Number(origin), v: valueOf(contentOf(item)) };
      });
    }
    return c.value;
  }

  function collect() {
    const data = {};
    for (const top of form.querySelectorAll("[data-top]")) Object.assign(data, valueOf(top));
    return data;
  }

  function isEmpty(value) {
    if (Array.isArray(value)) return value.every(function (e) { return isEmpty(e.v); });
    if (value && typeof value === "object") return Object.values(value).every(isEmpty);
    return !value || !String(value).trim();
  }

  /* After a save the file holds the non-empty items in form order. */
  function resetOrigins(c) {
    if (c.matches("[data-obj]")) {
      for (const f of fieldsOf(c)) {
        const inner = contentOf(f);
        if (inner) resetOrigins(inner);
      }
    } else if (c.matches("[data-list]")) {
      let n = 0;
      for (const item of itemsOf(c)) {
        const inner = contentOf(item);
        item.dataset.origin = isEmpty(valueOf(inner)) ? "" : String(n++);
        resetOrigins(inner);
      }
    }
  }

  function changed() {
    dirty = true;
    setStatus("有未保存的修改", "pending");
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }

  /* Lists grow, shrink and reorder. */
  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-act]");
    if (!button) return;
    const act = button.dataset.act;
    if (act === "add") {
      const list = button.closest("[data-list]");
      const template = list.querySelector(":scope > template");
      const item = template.content.firstElementChild.cloneNode(true);
      list.querySelector(":scope > .items").appendChild(item);
      renumberAll();
      const first = item.querySelector("[data-value]");
      if (first) first.focus();
    } else {
      const item = button.closest(".item");
      if (act === "remove") item.remove();
      else if (act === "up" && item.previousElementSibling) item.parentNode.insertBefore(item, item.previousElementSibling);
      else if (act === "down" && item.nextElementSibling) item.parentNode.insertBefore(item.nextElementSibling, item);
      renumberAll();
    }
    changed();
  });

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    const field = event.target.closest("[data-path]");
    if (field && field.dataset.path === "template") swapOptions(event.target.value);
    changed();
  });

  async function swapOptions(template) {
    const old = form.querySelector('[data-path="options"]');
    if (!old) return;
    const url = "/api/options?name=" + encodeURIComponent(name) + "&template=" + encodeURIComponent(template);
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return;
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();
    if (holder.firstElementChild) old.replaceWith(holder.firstElementChild);
    renumberAll();
  }

  function findField(path) {
    let p = path;
    while (p) {
      const el = form.querySelector('[data-path="' + CSS.escape(p) + '"]');
      if (el) return el;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut > 0 ? p.slice(0, cut) : "";
    }
    return null;
  }

  function showProblems(problems, todo) {
    for (const el of form.querySelectorAll(".msg")) el.textContent = "";
    for (const el of form.querySelectorAll(".has-error, .has-todo")) el.classList.remove("has-error", "has-todo");
    for (const el of form.querySelectorAll("[data-todo]")) el.removeAttribute("data-todo");
    general.innerHTML = "";
    for (const path of todo || []) {
      const el = form.querySelector('[data-path="' + CSS.escape(path) + '"]');
      if (el) el.setAttribute("data-todo", "");
    }
    for (const problem of problems || []) {
      const el = problem.path ? findField(problem.path) : null;
      const target = el ? el.querySelector(":scope > .msg") : null;
      if (target) {
        target.textContent = (target.textContent ? target.textContent + "\n" : "") + problem.message;
        el.classList.add(problem.todo ? "has-todo" : "has-error");
        if (problem.todo) el.setAttribute("data-todo", "");
      } else {
        const p = document.createElement("p");
        p.className = problem.todo ? "todo-line" : "error";
        p.textContent = (problem.path ? problem.path + "：" : "") + problem.message;
        general.appendChild(p);
      }
    }
  }

  function countErrors(problems) {
    return (problems || []).filter(function (p) { return !p.todo; }).length;
  }

  function showFindings(findings) {
    const box = document.getElementById("findings");
    box.innerHTML = "";
    const title = document.createElement("h3");
    title.textContent = findings.length ? "检查发现 " + findings.length + " 处" : "检查没有发现问题";
    box.appendChild(title);
    const list = document.createElement("ul");
    for (const f of findings) {
      const li = document.createElement("li");
      li.className = "sev-" + f.severity;
      const label = document.createElement("span");
      label.className = "sev";
      label.textContent = f.label;
      li.appendChild(label);
      if (f.para) {
        const a = document.createElement("a");
        a.href = "#p-" + f.para;
        a.dataset.para = f.para;
        a.textContent = "¶" + f.para + (f.quote ? "「" + f.quote + "」" : "");
        li.appendChild(a);
      }
      li.appendChild(document.createTextNode(" " + f.message + " "));
      const rule = document.createElement("code");
      rule.textContent = f.rule;
      li.appendChild(rule);
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  document.getElementById("findings").addEventListener("click", function (event) {
    const a = event.target.closest("a[data-para]");
    if (!a) return;
    event.preventDefault();
    const para = document.getElementById("p-" + a.dataset.para);
    if (!para) return;
    para.scrollIntoView({ block: "center", behavior: "smooth" });
    para.classList.remove("flash");
    void para.offsetWidth;
    para.classList.add("flash");
  });

  async function refresh() {
    const seq = ++previewSeq;
    const result = await post("/api/preview", { name: name, data: collect() });
    if (seq !== previewSeq) return; /* a newer preview is on its way */
    showProblems(result.problems, result.todo);
    if (!result.ok) {
      const wrap = document.getElementById("sheet-wrap");
      const errors = countErrors(result.problems);
      const note = wrap.querySelector(".stale") || document.createElement("p");
      note.className = "stale";
      note.textContent = result.message || (errors
        ? "简报有 " + errors + " 处错误（见左侧字段旁的提示），改正后预览自动更新。"
        : "还有必填项待填，填好后显示预览。");
      wrap.prepend(note);
      return;
    }
    document.getElementById("sheet-css").textContent = result.css;
    document.getElementById("sheet-wrap").innerHTML = result.html;
    document.getElementById("length").textContent = result.length.text;
    showFindings(result.findings);
  }

  async function save(overwrite) {
    clearTimeout(timer);
    setStatus("正在保存……", "pending");
    const result = await post("/api/save", { name: name, data: collect(), base: base });
    if (result.conflict) {
      setStatus("保存冲突，没有保存", "error");
      document.getElementById("conflict-who").textContent =
        "保存人：" + result.saved_by + "。你的填写已记入历史版本 #" + result.kept_as + "。";
      document.getElementById("conflict-theirs").textContent = result.theirs;
      const dialog = document.getElementById("conflict");
      dialog.dataset.theirs = result.theirs_version;
      dialog.showModal();
      return false;
    }
    if (!result.ok) {
      showProblems(result.problems, []);
      const errors = countErrors(result.problems);
      setStatus(result.message || ("有 " + errors + " 处错误，没有保存：请按字段旁的提示修改"), "error");
      return false;
    }
    base = result.version;
    dirty = false;
    for (const top of form.querySelectorAll("[data-top]")) resetOrigins(top);
    showProblems(result.problems, result.todo);
    const time = new Date().toLocaleTimeString("zh-CN", { hour12: false });
    setStatus(result.todo.length ? "已保存 " + time + "，还有 " + result.todo.length + " 项待填" : "已保存 " + time, "ok");
    refresh();
    return true;
  }

  async function draft(pdf, mode, newName) {
    if (dirty && !(await save())) return;
    setStatus(pdf ? "正在生成 Word 稿和 PDF……" : "正在生成 Word 稿……", "pending");
    const result = await post("/api/draft", { name: name, pdf: pdf, mode: mode || "", new_name: newName || "" });
    if (result.protected) {
      setStatus("讲话稿被修改过，没有覆盖", "error");
      document.getElementById("protected-msg").textContent = result.message;
      document.getElementById("protected-name").value = result.suggested;
      const dialog = document.getElementById("protected");
      dialog.dataset.pdf = pdf ? "1" : "";
      dialog.showModal();
      return;
    }
    if (!result.ok) {
      setStatus(result.message || "生成失败", "error");
      return;
    }
    const file = pdf && result.pdf ? result.pdf : result.file;
    setStatus("已生成 " + result.file + (result.backup ? "（旧稿备份为 " + result.backup + "）" : ""), "ok");
    window.location.href = "/files/" + encodeURIComponent(file);
  }

  document.getElementById("save").addEventListener("click", function () { save(); });
  document.getElementById("draft").addEventListener("click", function () { draft(false); });
  const pdfButton = document.getElementById("draft-pdf");
  if (pdfButton) pdfButton.addEventListener("click", function () { draft(true); });

  document.getElementById("conflict-overwrite").addEventListener("click", function () {
    const dialog = document.getElementById("conflict");
    base = dialog.dataset.theirs;
    dialog.close();
    save();
  });
  document.getElementById("conflict-reload").addEventListener("click", function () {
    dirty = false;
    window.location.reload();
  });
  document.getElementById("conflict-close").addEventListener("click", function () {
    document.getElementById("conflict").close();
  });
  document.getElementById("protected-rename").addEventListener("click", function () {
    const dialog = document.getElementById("protected");
    dialog.close();
    draft(Boolean(dialog.dataset.pdf), "rename", document.getElementById("protected-name").value);
  });
  document.getElementById("protected-backup").addEventListener("click", function () {
    const dialog = document.getElementById("protected");
    dialog.close();
    draft(Boolean(dialog.dataset.pdf), "backup");
  });
  document.getElementById("protected-close").addEventListener("click", function () {
    document.getElementById("protected").close();
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  renumberAll();
  const restored = new URLSearchParams(window.location.search).get("restored");
  if (restored) setStatus("已恢复到历史版本 #" + restored, "ok");
  refresh();
})();
