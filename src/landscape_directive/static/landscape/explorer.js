/* The landscape explorer of AI Infra Book (landscape_directive): filters, free-text search,
 * a live result count, a detail view, and the filter state in the page's query string.
 * No dependencies. The data, written by the Sphinx extension at build time in the page's
 * language, comes from a data script the page loads before this one: it stores the document in
 * window.landscapeExplorerData under the placeholder's data-key. A script works where fetch()
 * does not, in a page opened from file:// (a downloaded copy of the site); a page without the
 * data script (another site reusing the explorer) gets the JSON file named by data-src with
 * fetch(). Every text from the data is inserted with textContent, never as markup. */
(function () {
  "use strict";

  var FACETS = ["layer", "stage", "category", "cncf", "tag", "chapter"];
  var NOT_CNCF = "none";
  var PAGE = 100;  // results shown at once: the list stays quick to lay out at 5,000 projects
  var DATA = "landscapeExplorerData";  // the data scripts' global: the data by data-key

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fold(text) {
    return String(text).toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function Explorer(root, data) {
    this.root = root;
    this.data = data;
    this.ui = data.ui;
    this.base = root.getAttribute("data-root") || "";
    this.id = root.id || "landscape-explorer";
    this.names = {};
    var self = this;
    FACETS.forEach(function (kind) {
      var names = {};
      data.facets[kind].forEach(function (f) { names[f.id] = f; });
      self.names[kind] = names;
    });
    var collator = new Intl.Collator(document.documentElement.lang || undefined, {sensitivity: "base"});
    this.projects = data.projects.slice().sort(function (a, b) { return collator.compare(a.name, b.name); });
    this.projects.forEach(function (p) {
      p.haystack = fold([p.name].concat(p.aliases, [p.description]).join("\n"));
    });
    this.byName = {};
    this.projects.forEach(function (p) { self.byName[p.name] = p; });
    this.render();
    this.restore(new URLSearchParams(window.location.search));
    window.addEventListener("popstate", function () {
      self.restore(new URLSearchParams(window.location.search));
    });
  }

  Explorer.prototype.field = function (kind) {
    var id = this.id + "-" + kind;
    var select = el("select", {id: id, name: kind, "data-facet": kind});
    select.appendChild(el("option", {value: "", text: this.ui.all}));
    this.data.facets[kind].forEach(function (f) {
      select.appendChild(el("option", {value: f.id, text: f.name}));
    });
    if (kind === "cncf") select.appendChild(el("option", {value: NOT_CNCF, text: this.ui.not_cncf}));
    this.selects[kind] = select;
    return el("div", {"class": "lx-field"}, [el("label", {"for": id, text: this.ui[kind]}), select]);
  };

  Explorer.prototype.render = function () {
    var self = this;
    var ui = this.ui;
    this.selects = {};
    this.search = el("input", {type: "search", id: this.id + "-q", name: "q", autocomplete: "off"});
    var searchField = el("div", {"class": "lx-field lx-search"}, [
      el("label", {"for": this.id + "-q", text: ui.search}), this.search]);
    var fields = [searchField].concat(FACETS.map(function (kind) { return self.field(kind); }));
    this.clearButton = el("button", {type: "button", "class": "lx-clear", text: ui.clear});
    var form = el("form", {"class": "lx-controls", role: "search", "aria-label": ui.region},
      fields.concat([el("div", {"class": "lx-field lx-actions"}, [this.clearButton])]));
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function () { self.limit = PAGE; self.update(true); });
    form.addEventListener("change", function () { self.limit = PAGE; self.update(true); });
    this.clearButton.addEventListener("click", function () {
      self.setState({});
      self.limit = PAGE;
      self.update(true);
      self.search.focus();
    });
    this.count = el("p", {"class": "lx-count", role: "status", "aria-live": "polite", id: this.id + "-count"});
    this.none = el("p", {"class": "lx-none", hidden: true, text: ui.none});
    this.list = el("ul", {"class": "lx-results", "aria-label": ui.results});
    this.items = new Array(this.projects.length);  // list rows, made when first shown
    this.limit = PAGE;
    this.more = el("button", {type: "button", "class": "lx-more", hidden: true});
    this.more.addEventListener("click", function () {
      var next = self.matched[self.limit];
      self.limit += PAGE;
      self.update(false);
      if (next !== undefined) self.item(next).querySelector("button").focus();
    });
    this.dialog = this.renderDialog();
    var region = el("section", {"class": "lx", "aria-label": ui.region},
      [form, this.count, this.none, this.list, this.more, this.dialog]);
    this.root.replaceChildren(region);
    this.root.setAttribute("data-ready", "true");
    if (window.performance && performance.mark) performance.mark("landscape-explorer-ready");
  };

  Explorer.prototype.renderDialog = function () {
    var self = this;
    var dialog = el("dialog", {"class": "lx-dialog", "aria-labelledby": this.id + "-title"});
    this.dialogBody = el("div", {"class": "lx-dialog-body"});
    var close = el("button", {type: "button", "class": "lx-close", text: this.ui.close});
    close.addEventListener("click", function () { dialog.close(); });
    dialog.appendChild(this.dialogBody);
    dialog.appendChild(el("div", {"class": "lx-dialog-actions"}, [close]));
    // Sphinx's doctools.js cancels Escape on the document (to hide search highlights), which
    // would keep a modal dialog open: close it here first.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog.open) {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();  // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      self.current = null;
      self.write();
      if (self.opener && document.contains(self.opener)) self.opener.focus();
    });
    return dialog;
  };

  /* The list row of project number `i` (made once, when first shown). */
  Explorer.prototype.item = function (i) {
    if (this.items[i]) return this.items[i];
    var self = this;
    var p = this.projects[i];
    var button = el("button", {type: "button", "class": "lx-open", "aria-haspopup": "dialog", text: p.name});
    button.addEventListener("click", function () { self.open(p, button); });
    var where = this.names.layer[p.layer].name + " · " + this.names.stage[p.stage].name;
    this.items[i] = el("li", {"class": "lx-item"}, [
      button, el("span", {"class": "lx-where", text: where}),
      el("span", {"class": "lx-desc", text: p.description})]);
    return this.items[i];
  };

  Explorer.prototype.state = function () {
    var state = {};
    var q = this.search.value.trim();
    if (q) state.q = q;
    var selects = this.selects;
    FACETS.forEach(function (kind) {
      if (selects[kind].value) state[kind] = selects[kind].value;
    });
    return state;
  };

  Explorer.prototype.setState = function (state) {
    this.search.value = state.q || "";
    var selects = this.selects;
    FACETS.forEach(function (kind) {
      var select = selects[kind];
      var value = state[kind] || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
  };

  Explorer.prototype.matches = function (p, state, words) {
    if (state.layer && p.layer !== state.layer) return false;
    if (state.stage && p.stage !== state.stage) return false;
    if (state.category && p.category !== state.category) return false;
    if (state.cncf && (state.cncf === NOT_CNCF ? p.cncf !== "" : p.cncf !== state.cncf)) return false;
    if (state.tag && p.tags.indexOf(state.tag) < 0) return false;
    if (state.chapter && p.chapters.indexOf(state.chapter) < 0) return false;
    for (var i = 0; i < words.length; i++) {
      if (p.haystack.indexOf(words[i]) < 0) return false;
    }
    return true;
  };

  /* Filter the list (its first `limit` matches are in the page); `write`: record the state
   * in the address (a user's change). */
  Explorer.prototype.update = function (write) {
    var state = this.state();
    var words = state.q ? fold(state.q).split(/\s+/).filter(Boolean) : [];
    var matched = [];
    for (var i = 0; i < this.projects.length; i++) {
      if (this.matches(this.projects[i], state, words)) matched.push(i);
    }
    var page = matched.slice(0, this.limit).map(this.item, this);
    var same = this.shownPage && this.shownPage.length === page.length &&
      page.every(function (item, k) { return item === this.shownPage[k]; }, this);
    if (!same) this.list.replaceChildren.apply(this.list, page);
    this.matched = matched;
    this.shownPage = page;
    var rest = matched.length - this.limit;
    this.more.hidden = rest <= 0;
    if (rest > 0) this.more.textContent = this.ui.more.replace("{count}", String(Math.min(rest, PAGE)));
    this.count.textContent = this.ui.count
      .replace("{shown}", String(matched.length)).replace("{total}", String(this.projects.length));
    this.none.hidden = matched.length !== 0;
    if (write) this.write();
  };

  Explorer.prototype.write = function () {
    var state = this.state();
    var params = new URLSearchParams(window.location.search);
    ["q"].concat(FACETS, ["project"]).forEach(function (key) { params.delete(key); });
    ["q"].concat(FACETS).forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    if (this.current) params.set("project", this.current.name);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  Explorer.prototype.restore = function (params) {
    var state = {};
    ["q"].concat(FACETS).forEach(function (key) {
      var value = params.get(key);
      if (value) state[key] = value;
    });
    this.setState(state);
    this.update(false);
    var project = this.byName[params.get("project") || ""];
    if (project) this.open(project, this.item(this.projects.indexOf(project)).querySelector("button"));
    else if (this.dialog.open) this.dialog.close();
  };

  Explorer.prototype.row = function (label, content) {
    return [el("dt", {text: label}), el("dd", {}, content)];
  };

  Explorer.prototype.link = function (href, text) {
    return el("a", {href: href, "class": "reference external", text: text});
  };

  Explorer.prototype.open = function (p, opener) {
    var self = this;
    var ui = this.ui;
    this.current = p;
    this.opener = opener || null;
    var names = this.names;
    var cncf = p.cncf ? names.cncf[p.cncf].name : ui.not_cncf;
    var links = [this.link(p.homepage_url, ui.homepage)];
    if (p.repo_url) links.push(" · ", this.link(p.repo_url, ui.repository));
    var chapters = p.chapters.map(function (c) {
      return el("li", {}, [self.link(self.base + names.chapter[c].url, names.chapter[c].name)]);
    });
    var tags = p.tags.map(function (t) { return el("li", {}, [el("code", {text: t})]); });
    var rows = [].concat(
      this.row(ui.layer, [names.layer[p.layer].name]),
      this.row(ui.stage, [names.stage[p.stage].name]),
      this.row(ui.category, [names.category[p.category].name]),
      this.row(ui.cncf, [cncf]),
      this.row(ui.tags, [tags.length ? el("ul", {"class": "lx-inline"}, tags) : "—"]),
      this.row(ui.chapters, [chapters.length ? el("ul", {}, chapters) : ui.no_chapters]),
      this.row(ui.links, links),
      this.row(ui.last_checked, [el("time", {datetime: p.last_checked, text: p.last_checked})])
    );
    var content = [el("h2", {id: this.id + "-title", text: p.name})];
    if (p.aliases.length) {
      content.push(el("p", {"class": "lx-aliases", text: ui.aliases + ": " + p.aliases.join(", ")}));
    }
    content.push(el("p", {"class": "lx-description", text: p.description}));
    content.push(el("dl", {"class": "lx-fields"}, rows));
    this.dialogBody.replaceChildren.apply(this.dialogBody, content);
    if (!this.dialog.open) this.dialog.showModal();
    this.write();
  };

  /* The explorer's data: from its data script when the page has loaded it, else fetched. */
  function load(root) {
    var store = window[DATA];
    var key = root.getAttribute("data-key");
    if (store && key !== null && Object.prototype.hasOwnProperty.call(store, key)) {
      return Promise.resolve(store[key]);
    }
    return fetch(root.getAttribute("data-src"), {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
  }

  function start(root) {
    load(root)
      .then(function (data) { root.explorer = new Explorer(root, data); })
      .catch(function () {
        var message = root.querySelector(".landscape-explorer-noscript");
        if (message) message.textContent = root.getAttribute("data-error");
        root.setAttribute("data-failed", "true");
      });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".landscape-explorer[data-src]"), start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
