// Presentasi page: keyboard control and auto-advance. Keys click the page's own Streamlit
// buttons, so every way of moving goes through the same code (and the URL's ?slide=).
// Streamlit merges clicks of one button that arrive while the page is still rerunning, so quick
// presses are queued here and sent one at a time, each after the previous slide is on screen.
(function () {
  var win = window, doc = document;
  var queue = win.__rakorAntri || (win.__rakorAntri = []);

  function pump() {
    if (win.__rakorSibuk || !queue.length) return;
    var key = queue.shift();
    var button = doc.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { pump(); return; }
    win.__rakorSibuk = true;
    var before = win.__rakorPutaran, started = Date.now();
    button.click();
    (function wait() {
      // The new slide's script has run; give Streamlit a moment to finish that rerun too, or
      // a click sent while it is still running can be merged into it and lost.
      if (win.__rakorPutaran !== before) win.setTimeout(function () { win.__rakorSibuk = false; pump(); }, 300);
      else if (Date.now() - started > 5000) { win.__rakorSibuk = false; pump(); }
      else win.setTimeout(wait, 40);
    })();
  }
  win.__rakorPompa = pump;

  if (!win.__rakorTombol) {
    win.__rakorTombol = true;
    var keys = {
      ArrowRight: "rakor_berikut", ArrowDown: "rakor_berikut", PageDown: "rakor_berikut", " ": "rakor_berikut",
      ArrowLeft: "rakor_sebelum", ArrowUp: "rakor_sebelum", PageUp: "rakor_sebelum",
      Home: "rakor_awal", End: "rakor_akhir"
    };
    doc.addEventListener("keydown", function (event) {
      if (!doc.querySelector("[data-testid='rakor-layar']")) return;  // another page is open
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target, tag = (target && target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) return;
      var key = keys[event.key];
      if (!key) return;
      event.preventDefault();
      event.stopPropagation();
      queue.push(key);
      win.__rakorPompa();
    }, true);
  }

  // The control bar hides itself while the slide shows and comes back when the mouse moves or a
  // finger touches the screen; it stays while the pointer is on it or one of its menus is open.
  // The slide keeps the bar's room (--rakor-bar), so the bar never covers a slide when it returns.
  if (!win.__rakorKendali) {
    var root = doc.documentElement;
    var hideLater = function () {
      win.clearTimeout(win.__rakorSembunyi);
      win.__rakorSembunyi = win.setTimeout(function () {
        var bar = doc.querySelector(".st-key-rakor_kendali");
        if (!bar) return;  // another page is open
        if (bar.matches(":hover") || doc.querySelector("[role='listbox']")) { hideLater(); return; }
        root.classList.add("rakor-kendali-sembunyi");
      }, 3000);
    };
    win.__rakorKendali = hideLater;
    ["mousemove", "pointerdown", "touchstart"].forEach(function (type) {
      doc.addEventListener(type, function () {
        root.classList.remove("rakor-kendali-sembunyi");
        hideLater();
      }, {capture: true, passive: true});
    });
  }
  if (!doc.documentElement.classList.contains("rakor-kendali-sembunyi")) win.__rakorKendali();

  // This script runs again on every rerun of the page: the slide now on screen is final.
  win.__rakorPutaran = "__PUTARAN__";
  win.clearTimeout(win.__rakorWaktu);
  var detik = __DETIK__;
  if (detik > 0) {
    win.__rakorWaktu = win.setTimeout(function () {
      if (doc.querySelector("[data-testid='rakor-layar']")) { queue.push("rakor_otomatis"); win.__rakorPompa(); }
    }, detik * 1000);
  }
  pump();
})();
