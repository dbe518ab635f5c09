// Staff pages only. The person picker (Features/Shared/_PersonPicker.cshtml) works without this file: its search is a
// GET of the page and the matches are radio buttons. With it, typing lists the matches as you go (from
// /compatriots/pick, in the caller's scope), arrows and Enter choose one, Escape closes the list, and the choice is
// shown by name, country and home region without reloading the page.
(function () {
  "use strict";
  var wait = 250;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setUp(picker) {
    var field = picker.getAttribute("data-field");
    var formId = picker.getAttribute("data-form");
    var search = picker.querySelector(".picker-search");
    var input = search && search.querySelector("input[type=search]");
    if (!input) return;
    var list = element("ul", "picker-list");
    list.id = field + "-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = element("p", "muted");
    status.setAttribute("role", "status");
    search.appendChild(list);
    search.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    var timer = 0, asked = 0, people = [], active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }

    function show(answer) {
      people = answer.people;
      list.textContent = "";
      people.forEach(function (person, i) {
        var item = element("li");
        item.id = field + "-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.appendChild(element("strong", "", person.name));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", "muted", person.where + (person.externalId ? " · ID " + person.externalId : "")));
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(person); });
        list.appendChild(item);
      });
      status.textContent = people.length === 0 ? picker.getAttribute("data-none") : answer.more ? picker.getAttribute("data-more") : "";
      list.hidden = people.length === 0;
      input.setAttribute("aria-expanded", people.length === 0 ? "false" : "true");
      active = -1;
    }

    function ask() {
      var text = input.value.trim();
      var mine = ++asked;
      if (text === "") { close(); status.textContent = ""; return; }
      fetch(picker.getAttribute("data-endpoint") + "?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { if (answer && mine === asked) show(answer); })
        .catch(function () { /* the search button still works */ });
    }

    function clear() {
      picker.querySelectorAll(".picked, .picker-results, .picker-none, .picker-results + p").forEach(function (node) { node.remove(); });
    }

    function choose(person) {
      clear();
      close();
      status.textContent = "";
      picker.classList.remove("invalid");
      var error = document.getElementById(field + "-error");
      if (error) error.remove();
      var picked = element("div", "picked");
      picked.appendChild(element("span", "picker-label", search.querySelector("label").textContent));
      picked.appendChild(element("strong", "", person.name));
      picked.appendChild(element("span", "muted", person.where));
      var value = element("input");
      value.type = "hidden";
      value.name = field;
      value.value = person.id;
      value.setAttribute("form", formId);
      picked.appendChild(value);
      var change = element("button", "link picker-change", picker.getAttribute("data-change"));
      change.type = "button";
      change.addEventListener("click", reopen);
      picked.appendChild(change);
      picker.appendChild(picked);
      search.hidden = true;
      change.focus();
    }

    function reopen(event) {
      if (event) event.preventDefault();
      clear();
      search.hidden = false;
      input.value = "";
      input.focus();
    }

    var link = picker.querySelector(".picked .picker-change");
    if (link) link.addEventListener("click", reopen);

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, wait);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && people.length > 0;
      if (event.key === "ArrowDown" && open) { event.preventDefault(); mark(Math.min(active + 1, people.length - 1)); }
      else if (event.key === "ArrowUp" && open) { event.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && open && active >= 0) { event.preventDefault(); choose(people[active]); }
      else if (event.key === "Escape" && open) { event.preventDefault(); close(); }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll("[data-person-picker]").forEach(setUp);
})();
