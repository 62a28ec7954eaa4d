/* The header's dropdown menus and tooltips, and the back-to-top button, in place of Bootstrap's
 * 80 KiB script (issue 18). pydata-sphinx-theme loads all of Bootstrap for what its pages use of
 * it: menus opened by `data-bs-toggle="dropdown"`, tooltips on `data-bs-toggle="tooltip"`, and
 * `bootstrap.Tooltip` for one button of its own script. This file does those with the theme's own
 * classes and events (`show`, `bs-tooltip-bottom`, `show.bs.dropdown`), so the theme's stylesheet
 * draws them as before. Written for book_tools.ext.theme_assets; see its docstring.
 */
"use strict";

(() => {
  // the theme's classes for each side (named in full: the lean stylesheet keeps the rules of
  // the classes a script names, book_tools.ext.lean_theme)
  const SIDES = {
    top: "bs-tooltip-top",
    bottom: "bs-tooltip-bottom",
    left: "bs-tooltip-start",
    right: "bs-tooltip-end",
  };
  const OPPOSITE = { top: "bottom", bottom: "top", left: "right", right: "left" };
  const tips = new WeakMap();
  let counter = 0;

  /** A tooltip: shown after a short delay on hover or focus, hidden on leave, blur or Escape. */
  class Tooltip {
    constructor(element, options = {}) {
      this.element = element;
      this.options = options;
      this.enabled = true;
      this.tip = null;
      this.timer = null;
      this.title = options.title || element.getAttribute("title") || "";
      if (element.hasAttribute("title")) {
        // the browser's own tooltip would show as well
        element.setAttribute("data-bs-original-title", this.title);
        element.removeAttribute("title");
      }
      if (!element.hasAttribute("aria-label") && !element.textContent.trim()) {
        element.setAttribute("aria-label", this.title);
      }
      const delay = options.delay || { show: 0, hide: 0 };
      const trigger = options.trigger || "hover focus";
      const later = (what, ms) => () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this[what](), ms);
      };
      if (trigger.includes("hover")) {
        element.addEventListener("mouseenter", later("show", delay.show));
        element.addEventListener("mouseleave", later("hide", delay.hide));
      }
      if (trigger.includes("focus")) {
        element.addEventListener("focusin", later("show", delay.show));
        element.addEventListener("focusout", later("hide", delay.hide));
      }
      tips.set(element, this);
    }

    static getInstance(element) {
      return tips.get(element) || null;
    }

    static getOrCreateInstance(element, options) {
      return tips.get(element) || new Tooltip(element, options);
    }

    enable() {
      this.enabled = true;
    }

    disable() {
      this.enabled = false;
      this.hide();
    }

    show() {
      if (!this.enabled || this.tip || !this.title || !this.element.isConnected) return;
      const tip = document.createElement("div");
      tip.className = "tooltip fade";
      tip.id = `book-tooltip-${++counter}`;
      tip.setAttribute("role", "tooltip");
      tip.innerHTML = '<div class="tooltip-arrow"></div><div class="tooltip-inner"></div>';
      tip.querySelector(".tooltip-inner").textContent = this.title;
      tip.style.position = "absolute";
      tip.style.top = tip.style.left = "0";
      document.body.append(tip);
      this.tip = tip;
      this.place();
      this.element.setAttribute("aria-describedby", tip.id);
      tip.classList.add("show");
    }

    hide() {
      clearTimeout(this.timer);
      if (!this.tip) return;
      this.tip.remove();
      this.tip = null;
      this.element.removeAttribute("aria-describedby");
    }

    /** Put the tooltip on its side of the element (the other side if it does not fit). */
    place() {
      const wanted = this.options.placement || this.element.dataset.bsPlacement || "top";
      const fallbacks = this.options.fallbackPlacements || [OPPOSITE[wanted]];
      const gap = (this.options.offset || [0, 6])[1]; // Bootstrap's default distance
      const box = this.element.getBoundingClientRect();
      const tip = this.tip.getBoundingClientRect();
      const fits = {
        top: box.top - tip.height - gap >= 0,
        bottom: box.bottom + tip.height + gap <= window.innerHeight,
        left: box.left - tip.width - gap >= 0,
        right: box.right + tip.width + gap <= window.innerWidth,
      };
      const side = [wanted, ...fallbacks].find((s) => fits[s]) || wanted;
      let top;
      let left;
      if (side === "top" || side === "bottom") {
        top = side === "top" ? box.top - tip.height - gap : box.bottom + gap;
        left = box.left + box.width / 2 - tip.width / 2;
        left = Math.max(0, Math.min(left, window.innerWidth - tip.width));
      } else {
        left = side === "left" ? box.left - tip.width - gap : box.right + gap;
        top = box.top + box.height / 2 - tip.height / 2;
      }
      this.tip.classList.add(SIDES[side]);
      this.tip.style.top = `${top + window.scrollY}px`;
      this.tip.style.left = `${left + window.scrollX}px`;
      const arrow = this.tip.querySelector(".tooltip-arrow");
      arrow.style.position = "absolute";
      if (side === "top" || side === "bottom") {
        const x = box.left + box.width / 2 - left - arrow.offsetWidth / 2;
        arrow.style.left = `${Math.max(0, Math.min(x, tip.width - arrow.offsetWidth))}px`;
      } else {
        arrow.style.top = `${tip.height / 2 - arrow.offsetHeight / 2}px`;
      }
    }
  }

  /** The menu a dropdown toggle opens: the `.dropdown-menu` after it, or in its parent. */
  const menuOf = (toggle) => {
    const next = toggle.nextElementSibling;
    if (next && next.classList.contains("dropdown-menu")) return next;
    return toggle.parentElement && toggle.parentElement.querySelector(".dropdown-menu");
  };
  const items = (menu) =>
    Array.from(menu.querySelectorAll(".dropdown-item")).filter(
      (item) => !item.disabled && item.offsetParent !== null,
    );
  const openToggles = () =>
    Array.from(document.querySelectorAll('[data-bs-toggle="dropdown"].show'));

  /** Dropdown menus, opened and closed as Bootstrap's are, with the same events. */
  const Dropdown = {
    show(toggle) {
      const menu = menuOf(toggle);
      if (!menu || toggle.classList.contains("show")) return;
      const event = new Event("show.bs.dropdown", { bubbles: true, cancelable: true });
      if (!toggle.dispatchEvent(event)) return;
      openToggles().forEach((other) => Dropdown.hide(other));
      menu.setAttribute("data-bs-popper", "static");
      toggle.classList.add("show");
      menu.classList.add("show");
      toggle.setAttribute("aria-expanded", "true");
      if (menu.getBoundingClientRect().right > window.innerWidth) {
        menu.classList.add("dropdown-menu-end");
      }
      toggle.dispatchEvent(new Event("shown.bs.dropdown", { bubbles: true }));
    },

    hide(toggle) {
      const menu = menuOf(toggle);
      if (!menu || !toggle.classList.contains("show")) return;
      const event = new Event("hide.bs.dropdown", { bubbles: true, cancelable: true });
      if (!toggle.dispatchEvent(event)) return;
      toggle.classList.remove("show");
      menu.classList.remove("show");
      toggle.setAttribute("aria-expanded", "false");
      toggle.dispatchEvent(new Event("hidden.bs.dropdown", { bubbles: true }));
    },

    toggle(toggle) {
      if (toggle.classList.contains("show")) Dropdown.hide(toggle);
      else Dropdown.show(toggle);
    },
  };

  document.addEventListener("click", (event) => {
    const toggle = event.target.closest('[data-bs-toggle="dropdown"]');
    if (toggle) {
      event.preventDefault();
      Dropdown.toggle(toggle);
      return;
    }
    // a click anywhere else closes the open menus, a click on an item included
    openToggles().forEach((open) => Dropdown.hide(open));
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      openToggles().forEach((open) => {
        const focusWasInside = open.parentElement.contains(document.activeElement);
        Dropdown.hide(open);
        if (focusWasInside) open.focus();
      });
      document.querySelectorAll(".tooltip[role=tooltip]").forEach((tip) => {
        const owner = document.querySelector(`[aria-describedby="${tip.id}"]`);
        if (owner && tips.get(owner)) tips.get(owner).hide();
      });
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const toggle = event.target.closest('[data-bs-toggle="dropdown"]');
    const open = toggle || openToggles().find((t) => menuOf(t).contains(event.target));
    if (!open || !menuOf(open)) return;
    event.preventDefault();
    Dropdown.show(open);
    const list = items(menuOf(open));
    if (!list.length) return;
    const at = list.indexOf(event.target);
    const step = event.key === "ArrowDown" ? 1 : -1;
    const next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
    list[next].focus();
  });

  const ready = (callback) => {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  };

  ready(() => {
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((element) => {
      Tooltip.getOrCreateInstance(element, { delay: { show: 500, hide: 100 } });
    });
    // the colour-mode button's tooltip gives way to its menu, as the theme's script has it
    const modes = document.querySelector(".theme-switch-container");
    const modesTip = modes && Tooltip.getInstance(modes);
    if (modesTip) {
      modes.addEventListener("show.bs.dropdown", () => modesTip.disable());
      modes.addEventListener("hide.bs.dropdown", () => modesTip.enable());
    }
    // back to the top: shown while the reader scrolls up below the header
    const back = document.getElementById("pst-back-to-top");
    const header = document.querySelector(".bd-header");
    if (back && header) {
      back.addEventListener("click", () => {
        document.body.scrollTop = 0;
        document.documentElement.scrollTop = 0;
      });
      // Where the header ends is measured at the first scroll (the header is not sticky, so
      // this is where it ends at the top of the page), and the last position starts at the
      // top: reading either on DOMContentLoaded would force a layout of the whole page before
      // the theme's own script asks for one again.
      let below = null;
      let last = 0;
      window.addEventListener("scroll", () => {
        below ??= header.getBoundingClientRect().bottom + window.scrollY;
        back.style.display = last > window.scrollY && window.scrollY > below ? "block" : "none";
        last = window.scrollY;
      });
    }
  });

  window.bootstrap = Object.assign(window.bootstrap || {}, { Tooltip, Dropdown });
})();
