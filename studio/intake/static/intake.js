// The phone form's helpers: one section at a time, the signature pads, the guardian block
// for under-age clients, and a summary before Submit. The form works without this file
// (every section shows and a typed name stands in for the signature).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("intake");
  if (!form) { return; }
  form.noValidate = true;  // we check one section at a time instead
  var W = 600, H = 200;
  var steps = Array.prototype.slice.call(form.querySelectorAll("section.step"));
  var links = Array.prototype.slice.call(document.querySelectorAll(".steps li"));
  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (s, i) { s.classList.toggle("current", i === current); });
    links.forEach(function (l, i) { l.classList.toggle("current", i === current); });
    if (steps[current].id === "s-sign") { buildSummary(); }
    pads.forEach(function (p) { p.resize(); });
    var heading = steps[current].querySelector("h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    window.scrollTo(0, 0);
  }

  function valid(section) {
    var fields = section.querySelectorAll("input, textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.closest(".guardian.hidden")) { continue; }
      if (!f.checkValidity()) { f.reportValidity(); return false; }
    }
    return true;
  }

  // ---- signature pads: strokes in a W×H box, sent as "x,y x,y;x,y …"
  function Pad(root) {
    var canvas = root.querySelector("canvas");
    var input = root.querySelector("input[type=hidden]");
    var ctx = canvas.getContext("2d");
    var strokes = [], drawing = null;
    function point(ev) {
      var r = canvas.getBoundingClientRect();
      return [Math.round((ev.clientX - r.left) * W / r.width), Math.round((ev.clientY - r.top) * H / r.height)];
    }
    function redraw() {
      ctx.clearRect(0, 0, W, H);
      ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
      strokes.forEach(function (s) {
        ctx.beginPath(); ctx.moveTo(s[0][0], s[0][1]);
        s.forEach(function (p) { ctx.lineTo(p[0], p[1]); });
        ctx.stroke();
      });
      input.value = strokes.map(function (s) { return s.map(function (p) { return p[0] + "," + p[1]; }).join(" "); }).join(";");
    }
    canvas.addEventListener("pointerdown", function (ev) {
      ev.preventDefault(); canvas.setPointerCapture(ev.pointerId);
      drawing = [point(ev)]; strokes.push(drawing); redraw();
    });
    canvas.addEventListener("pointermove", function (ev) {
      if (!drawing) { return; }
      ev.preventDefault(); drawing.push(point(ev)); redraw();
    });
    function end() { drawing = null; }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    root.querySelector("button.clear").addEventListener("click", function () { strokes = []; redraw(); });
    this.root = root;
    this.empty = function () { return input.value.length < 8; };
    this.resize = function () { redraw(); };
  }
  var pads = Array.prototype.slice.call(form.querySelectorAll(".sig")).map(function (r) { return new Pad(r); });

  // ---- under the minimum age: the guardian fills in their part
  var guardian = document.getElementById("guardian");
  var dob = document.getElementById("f-date_of_birth");
  function minor() {
    if (!dob.value) { return false; }
    var born = new Date(dob.value + "T00:00:00"), now = new Date();
    var age = now.getFullYear() - born.getFullYear();
    if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) { age -= 1; }
    return age < parseInt(guardian.getAttribute("data-min-age"), 10);
  }
  function updateGuardian() {
    var under = minor();
    guardian.classList.toggle("hidden", !under);
    ["f-guardian_name", "f-guardian_relationship"].forEach(function (id) {
      document.getElementById(id).required = under;
    });
  }
  dob.addEventListener("change", updateGuardian);
  updateGuardian();

  // ---- the summary before Submit (textContent only: answers are never parsed as HTML).
  // Its words come from the page, in the form's language (data-* on the summary box).
  function buildSummary() {
    var box = document.getElementById("summary");
    function word(key) { return box.getAttribute("data-" + key) || ""; }
    box.textContent = "";
    var title = document.createElement("h3"); title.textContent = word("title"); box.appendChild(title);
    var dl = document.createElement("dl");
    function add(label, value) {
      if (!value) { return; }
      var dt = document.createElement("dt"); dt.textContent = label;
      var dd = document.createElement("dd"); dd.textContent = value;
      dl.appendChild(dt); dl.appendChild(dd);
    }
    function val(name) { var f = form.elements[name]; return f ? f.value.trim() : ""; }
    add(word("name"), val("full_name")); add(word("born"), val("date_of_birth"));
    add(word("phone"), val("phone")); add(word("email"), val("email"));
    add(word("emergency"), [val("emergency_name"), val("emergency_phone")].filter(Boolean).join(", "));
    var ticked = Array.prototype.slice.call(form.querySelectorAll(".checks input:checked"))
      .map(function (c) { return c.parentNode.textContent.trim(); });
    add(word("health"), ticked.length ? ticked.join("; ") : word("nothing"));
    add(word("allergies"), val("allergies"));
    add(word("tattoo"), [val("idea_description"), val("idea_placement"), val("idea_size")].filter(Boolean).join(" · "));
    var files = form.elements.photos.files;
    add(word("photos"), files && files.length ? (word("photos-" + files.length) || String(files.length)) : "");
    if (!guardian.classList.contains("hidden")) { add(word("guardian"), val("guardian_name")); }
    box.appendChild(dl);
  }

  form.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t.classList.contains("next")) { if (valid(steps[current])) { show(current + 1); } }
    else if (t.classList.contains("back")) { show(current - 1); }
  });
  links.forEach(function (l, i) {
    l.querySelector("a").addEventListener("click", function (ev) {
      ev.preventDefault();
      for (var k = 0; k < i; k++) { if (!valid(steps[k])) { show(k); return; } }
      show(i);
    });
  });
  var sending = false;
  form.addEventListener("submit", function (ev) {
    // A language button posts the form as it is, to come back in that language.
    if (ev.submitter && ev.submitter.name === "switch_language") { return; }
    for (var k = 0; k < steps.length; k++) {
      if (!valid(steps[k])) { ev.preventDefault(); show(k); valid(steps[k]); return; }
    }
    var missing = pads.filter(function (p) { return p.empty() && !p.root.closest(".guardian.hidden"); });
    if (missing.length) {
      ev.preventDefault();
      alert(form.getAttribute("data-sign-alert"));
      return;
    }
    if (sending) { ev.preventDefault(); return; }
    sending = true;
    form.querySelector("button.submit").disabled = true;
  });

  // After a refused form, open the first section with a problem.
  var firstError = form.querySelector("[aria-invalid=true], .error");
  var start = 0;
  if (firstError) { steps.forEach(function (s, i) { if (s.contains(firstError) && !start) { start = i; } }); }
  show(start);
})();
