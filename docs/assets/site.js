// Let keyboard users scroll wide tables: make each horizontal scroll area focusable (WCAG 2.1.1).
// Material wraps tables after load, so run on its document$ signal (or on load without it).
function focusScrollAreas() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((area) => {
    area.tabIndex = 0;
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(() => setTimeout(focusScrollAreas));
} else {
  window.addEventListener("load", focusScrollAreas);
}
