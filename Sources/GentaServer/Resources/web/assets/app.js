// Genta's pages work without this script; it only adds a timer and keyboard shortcuts.
// Question page: A–E choose an option, Enter answers. Result page: N goes to the next question.

const form = document.querySelector("form.question");
if (form) {
  const timer = document.getElementById("timer");
  if (timer) {
    const opened = performance.now();
    const tick = () => {
      const seconds = Math.floor((performance.now() - opened) / 1000);
      timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    };
    tick();
    setInterval(tick, 1000);
  }
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target instanceof HTMLTextAreaElement) return;
    if (event.target instanceof HTMLInputElement && event.target.type === "text") return;
    const option = form.querySelector(`input[name=choice][value="${event.key.toUpperCase()}"]`);
    if (option && event.key.length === 1) {
      option.checked = true;
      option.focus();
      event.preventDefault();
    } else if (event.key === "Enter" && form.checkValidity()) {
      form.requestSubmit();
      event.preventDefault();
    }
  });
}

const next = document.querySelector("a[data-next]");
if (next) {
  document.addEventListener("keydown", (event) => {
    if (event.key.toLowerCase() === "n" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      window.location.assign(next.href);
    }
  });
}
