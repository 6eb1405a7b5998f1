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

  // Text a person sees in an element (without what only screen readers get).
  function visibleText(node) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll(".kit-sr").forEach((hidden) => hidden.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // The card holds the piece's name and its main link (a download, or a proof not to print): the dialog repeats
  // that link as it is, words and look included.
  function fillDialog(parts, link) {
    const card = link.closest(".kit-card");
    const thumb = link.querySelector("img");
    const name = card.querySelector(".kit-card__title").textContent;
    const main = card.querySelector(".kit-card__actions a[download]");
    parts.title.textContent = link.dataset.kitView ? name + " — " + link.dataset.kitView : name;
    parts.image.src = link.href;
    parts.image.alt = thumb ? thumb.alt : "";
    parts.download.href = main.href;
    parts.download.className = main.className;
    parts.download.textContent = visibleText(main);
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

  // The header's menu and search buttons are <label>s the keyboard cannot reach (and a label may not be a button):
  // put a real button in each one's place that clicks the label, keeps its state announced, moves focus into the
  // side menu when it opens, and closes the side menu with Escape, giving focus back to the menu button.
  const HEADER_BUTTONS = { __drawer: "Menu", __search: "Pesquisar" };

  function initHeaderButtons() {
    Object.entries(HEADER_BUTTONS).forEach(([id, name]) => {
      const toggle = document.getElementById(id);
      const label = document.querySelector(`label.md-header__button[for="${id}"]`);
      if (!toggle || !label) return;
      const button = element("button", {
        type: "button",
        class: label.className + " kit-header-button",
        "data-kit-for": id,
        "aria-label": name,
      });
      label.querySelectorAll("svg").forEach((icon) => button.appendChild(icon.cloneNode(true)));
      const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
      sync();
      toggle.addEventListener("change", sync);
      button.addEventListener("click", () => {
        label.click();
        sync();
        if (id === "__drawer" && toggle.checked && button.matches(":focus-visible")) focusDrawer();
      });
      label.after(button);
      label.hidden = true;
    });
    const drawer = document.getElementById("__drawer");
    if (!drawer) return;
    const menu = () => document.querySelector('button[data-kit-for="__drawer"]');
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !drawer.checked) return;
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      if (menu()) menu().focus();
    });
    drawer.addEventListener("change", () => {
      const sidebar = document.querySelector(".md-sidebar--primary");
      if (!drawer.checked && sidebar && sidebar.contains(document.activeElement) && menu()) menu().focus();
    });
  }

  function focusDrawer() {
    const first = document.querySelector(".md-sidebar--primary a[href]");
    if (first) first.focus();
  }

  // Closing the search (Escape, the back arrow, a click outside) gives focus back to what opened it, never to the
  // top of the page. MkDocs + Material toggles a checkbox; Zensical opens a modal in a shadow root.
  function initSearchFocus() {
    let opener = null;
    const remember = (event) => {
      const button = event.target.closest && event.target.closest(
        'button[data-kit-for="__search"], .md-search__button, .md-search__input');
      if (button && !button.matches(".md-search__input")) opener = button;
    };
    document.addEventListener("click", remember, true);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") remember(event);
    }, true);
    // The header's search field (MkDocs on a wide screen) opens the search when focused: give focus back to what
    // was focused before it, or to the site's name just before it in the header.
    document.addEventListener("focusin", (event) => {
      const field = event.target.matches && event.target.matches(".md-search__input");
      const wide = field && !document.querySelector('button[data-kit-for="__search"]')?.offsetParent;
      if (wide && (!opener || opener.matches(".md-search__input"))) {
        opener = event.relatedTarget || document.querySelector(".md-header .md-logo");
      }
    });
    const giveBack = () => {
      if (!opener || !document.contains(opener)) return;
      const target = opener;
      opener = null;
      target.focus();
    };
    const toggle = document.getElementById("__search");
    if (toggle) {
      toggle.addEventListener("change", () => toggle.checked || giveBack());
      document.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && toggle.checked) window.setTimeout(() => toggle.checked || giveBack());
      });
    }
    // Zensical: the modal lives in a shadow root on a <div> under <body>; it is open while it has a dialog shown.
    const isOpen = (root) => Boolean(root.querySelector("dialog[open], [role=dialog]:not([hidden])"));
    const watch = (host) => {
      const root = host.shadowRoot;
      if (!root || root.kitWatched) return;
      root.kitWatched = true;
      let open = isOpen(root);
      new MutationObserver(() => {
        const now = isOpen(root);
        if (open && !now) giveBack();
        open = now;
      }).observe(root, { subtree: true, childList: true, attributes: true });
    };
    const look = () => document.querySelectorAll("body > div").forEach(watch);
    look();
    new MutationObserver(look).observe(document.body, { childList: true });
  }

  // A link to a section inside a closed <details> (a campaign, an order) opens it.
  function openTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    for (let node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  // webcal:// opens Apple's and Outlook's calendar apps; where no app takes it (most Android phones, Chrome on a
  // computer) nothing happens. If the page keeps focus a moment after the tap, say so and point to the others.
  const WEBCAL_WAIT = 1500;
  const WEBCAL_FAIL = "Este aparelho não abriu um app de agenda. Use o botão Google Agenda ou Outlook, ou copie o " +
    "endereço abaixo e cole no seu app de agenda (opção “Adicionar calendário por URL”).";

  function initWebcal() {
    document.querySelectorAll("a[data-kit-webcal]").forEach((link) => {
      const box = link.closest("[data-kit-subscribe]");
      const message = box && box.querySelector("[data-kit-webcal-fail]");
      if (!message) return;
      link.addEventListener("click", () => {
        let left = false;
        const away = () => (left = true);
        window.addEventListener("blur", away, { once: true });
        document.addEventListener("visibilitychange", away, { once: true });
        window.addEventListener("pagehide", away, { once: true });
        window.setTimeout(() => {
          window.removeEventListener("blur", away);
          document.removeEventListener("visibilitychange", away);
          if (!left && document.hasFocus()) message.textContent = WEBCAL_FAIL;
        }, WEBCAL_WAIT);
      });
    });
  }

  function init() {
    initHeaderButtons();
    initSearchFocus();
    initWebcal();
    openTarget();
    window.addEventListener("hashchange", openTarget);
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
