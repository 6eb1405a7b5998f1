// The guideline site's enhancements, on MkDocs + Material and on Zensical: the remembered municipality,
// copy buttons, the gallery dialog and focusable scroll areas. Without JavaScript every link still works:
// thumbnails open the full-size image, the municipality list is plain links, the texts can be selected.
(function () {
  "use strict";

  const KEY = "cimps-kit-municipio";

  function remember(slug, name) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ slug: slug, name: name }));
    } catch (error) {
      // Private mode or storage off: the site simply does not remember.
    }
  }

  function remembered() {
    try {
      return JSON.parse(localStorage.getItem(KEY));
    } catch (error) {
      return null;
    }
  }

  function forget() {
    try {
      localStorage.removeItem(KEY);
    } catch (error) {
      // Nothing stored.
    }
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text) node.textContent = text;
    return node;
  }

  // A polite live region announces what a button did (copied, not copied).
  let status = null;
  function announce(message) {
    if (!status) {
      status = element("div", { class: "kit-sr", role: "status", "aria-live": "polite" });
      (document.querySelector("main") || document.body).appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(() => (status.textContent = message), 50);
  }

  // Municipality picker: remember the choice; the home page then offers it first.
  function showChosen(box, link, mine) {
    box.replaceChildren();
    const line = element("p", { class: "kit-chosen__line" }, "Seu município: ");
    line.appendChild(element("strong", {}, mine.name));
    const open = element("a", { class: "md-button md-button--primary", href: link.href }, "Abrir as peças de " + mine.name);
    const change = element("button", { type: "button", class: "md-button" }, "Trocar de município");
    change.addEventListener("click", () => {
      forget();
      link.removeAttribute("aria-current");
      box.hidden = true;
      const first = document.querySelector(".kit-picker a");
      if (first) first.focus();
    });
    box.append(line, open, change);
    box.hidden = false;
  }

  function initPicker() {
    document.querySelectorAll("a[data-kit-municipio]").forEach((a) => {
      a.addEventListener("click", () => remember(a.dataset.kitMunicipio, a.textContent.trim()));
    });
    const hub = document.querySelector("[data-kit-hub]");
    if (hub) remember(hub.dataset.kitHub, hub.dataset.kitNome);
    const mine = remembered();
    if (!mine || !mine.slug) return;
    document.querySelectorAll(`.kit-munis a[data-kit-municipio="${CSS.escape(mine.slug)}"]`).forEach((a) => {
      const item = a.closest("li");
      item.classList.add("kit-mine");
      a.after(element("span", { class: "kit-mine__label" }, " (seu município)"));
    });
    const link = document.querySelector(`.kit-picker a[data-kit-municipio="${CSS.escape(mine.slug)}"]`);
    if (!link) return;
    link.setAttribute("aria-current", "true");
    const box = document.querySelector("[data-kit-chosen]");
    if (box) showChosen(box, link, mine);
  }

  // Copy buttons: shown only when JavaScript runs; they copy the text of the element they name.
  function fallbackCopy(text) {
    const area = element("textarea", { readonly: "", class: "kit-sr" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      return fallbackCopy(text);
    }
  }

  function initCopy() {
    document.querySelectorAll("button.kit-copy[data-copy]").forEach((button) => {
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      button.hidden = false;
      button.addEventListener("click", async () => {
        const ok = await copy(source.textContent);
        announce(ok ? "Copiado." : "Não deu para copiar: selecione o texto e copie.");
        button.classList.toggle("kit-copied", ok);
        window.setTimeout(() => button.classList.remove("kit-copied"), 2500);
      });
    });
  }

  // Gallery: a native modal dialog with the full-size image and its download button.
  function buildDialog() {
    const dialog = element("dialog", { class: "kit-dialog md-typeset", "aria-labelledby": "kit-dialog-title" });
    const inner = element("div", { class: "kit-dialog__inner" });
    const bar = element("div", { class: "kit-dialog__bar" });
    const title = element("h2", { class: "kit-dialog__title", id: "kit-dialog-title" });
    const close = element("button", { type: "button", class: "md-button kit-dialog__close", autofocus: "" }, "Fechar");
    close.addEventListener("click", () => dialog.close());
    bar.append(title, close);
    const image = element("img", { class: "kit-dialog__image", alt: "" });
    const actions = element("p", { class: "kit-dialog__actions" });
    const download = element("a", { class: "md-button md-button--primary", download: "" });
    const full = element("a", { class: "md-button", href: "#" }, "Abrir só a imagem");
    actions.append(download, full);
    inner.append(bar, image, actions);
    dialog.appendChild(inner);
    (document.querySelector("main") || document.body).appendChild(dialog);
    return { dialog, title, image, download, full };
  }

  // The card holds the piece's name, its download link and its size: the dialog repeats them.
  function fillDialog(parts, link) {
    const card = link.closest(".kit-card");
    const thumb = link.querySelector("img");
    const name = card.querySelector(".kit-card__title").textContent;
    const download = card.querySelector(".kit-card__actions a[download]");
    const size = download.querySelector("small");
    parts.title.textContent = link.dataset.kitView ? name + " — " + link.dataset.kitView : name;
    parts.image.src = link.href;
    parts.image.alt = thumb ? thumb.alt : "";
    parts.download.href = download.href;
    parts.download.textContent = "Baixar " + (size ? size.textContent : "");
    parts.full.href = link.href;
  }

  function initGallery() {
    const links = document.querySelectorAll("a[data-kit-view]");
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    const parts = buildDialog();
    let opener = null;
    links.forEach((link) => {
      link.addEventListener("click", (event) => {
        if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        opener = link;
        fillDialog(parts, link);
        parts.dialog.showModal();
      });
    });
    parts.dialog.addEventListener("close", () => {
      if (opener) opener.focus({ preventScroll: true });
      parts.image.removeAttribute("src");
    });
    parts.dialog.addEventListener("click", (event) => {
      if (event.target === parts.dialog) parts.dialog.close();
    });
  }

  // Keyboard users can scroll wide areas: make each horizontal scroll area focusable (WCAG 2.1.1).
  function initScrollAreas() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach((area) => {
      area.tabIndex = 0;
    });
  }

  // Zensical 0.0.x draws its search in an open shadow root, in English, with light breadcrumbs (below 4.5:1)
  // and a results area keyboard users cannot focus. Until it is translatable upstream, adjust it here; the
  // selectors are roles, ids and attributes, not the component's generated class names. Material needs none.
  const SEARCH_WORDS = {
    Search: "Pesquisar",
    "Close search": "Fechar a busca",
    Filters: "Filtros",
    "Search results": "Resultados da busca",
    "Loading search…": "Carregando a busca…",
    "No results": "Nenhum resultado",
    Tags: "Etiquetas",
    "Use Up and Down arrow keys to move between tags. Press Space or Enter to toggle a tag.":
      "Use as setas para cima e para baixo para passar pelas etiquetas; Espaço ou Enter marca ou desmarca.",
  };
  const SEARCH_STYLE = `menu[id$="-path"] { color: rgb(31 35 40 / 0.85); }`;

  function translated(text) {
    const plain = text.trim();
    if (SEARCH_WORDS[plain]) return text.replace(plain, SEARCH_WORDS[plain]);
    const count = plain.match(/^(\d+) results?$/);
    if (count) return text.replace(plain, count[1] === "1" ? "1 resultado" : `${count[1]} resultados`);
    return null;
  }

  function adaptSearch(root) {
    root.querySelectorAll("[aria-label], [placeholder]").forEach((node) => {
      ["aria-label", "placeholder"].forEach((name) => {
        const value = node.getAttribute(name);
        const better = value && translated(value);
        if (better) node.setAttribute(name, better);
      });
    });
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.tagName === "STYLE") continue;
      const better = translated(node.nodeValue);
      if (better) node.nodeValue = better;
    }
    const list = root.querySelector('[role="listbox"]');
    if (list && list.parentElement && list.parentElement.tabIndex < 0) list.parentElement.tabIndex = 0;
  }

  const watched = new WeakSet();

  function watchSearch(host) {
    const root = host.shadowRoot;
    if (watched.has(root)) return;
    watched.add(root);
    const style = element("style", { "data-kit": "" });
    style.textContent = SEARCH_STYLE;
    root.appendChild(style);
    let busy = false;
    const observer = new MutationObserver(() => {
      if (busy) return;
      busy = true;
      adaptSearch(root);
      busy = false;
    });
    adaptSearch(root);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["aria-label", "placeholder"] });
  }

  function initSearchAdapter() {
    const look = () => document.querySelectorAll("body > div").forEach((d) => d.shadowRoot && watchSearch(d));
    look();
    new MutationObserver(look).observe(document.body, { childList: true });
  }

  function init() {
    initSearchAdapter();
    initPicker();
    initCopy();
    initGallery();
    // The themes wrap Markdown tables after their own start-up: look again once they have.
    if (typeof document$ !== "undefined") {
      document$.subscribe(() => window.setTimeout(initScrollAreas));
    } else {
      window.addEventListener("load", () => window.setTimeout(initScrollAreas));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
