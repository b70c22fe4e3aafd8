// Genta's pages work without this script; it adds timers, keyboard shortcuts, tryout autosave
// and progress shown while AI feedback is written.
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

// Tryout block: a countdown to the server's deadline (a warning in the last five minutes),
// answers saved as they are given, and the page reloaded when the block's time is up (the
// server has closed it and opened the next).
const countdown = document.getElementById("countdown");
if (countdown) {
  const ends = performance.now() + Number(countdown.dataset.seconds) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((ends - performance.now()) / 1000));
    countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    countdown.parentElement.classList.toggle("soon", left <= 300);
    if (left === 0) window.location.reload();
  };
  tick();
  setInterval(tick, 1000);
}
// Time per question: the seconds since the last change go to the question just answered (an
// estimate: reading one question and answering another counts for the second).
const autosaved = document.querySelector("form[data-autosave]");
if (autosaved) {
  let mark = performance.now();
  autosaved.addEventListener("change", (event) => {
    const question = event.target.closest("[data-number]");
    if (question) {
      const number = question.dataset.number;
      const seconds = autosaved.querySelector(`input[name="q${number}_seconds"]`);
      seconds.value = String(Number(seconds.value || 0) + Math.round((performance.now() - mark) / 1000));
      const answered = [...question.querySelectorAll("input")].some((input) =>
        input.name !== `q${number}_unsure` && input.type !== "hidden" && (input.type === "text" ? input.value.trim() !== "" : input.checked));
      const link = document.getElementById(`map-${number}`);
      link.classList.toggle("answered", answered);
      link.classList.toggle("unsure", question.querySelector(`input[name="q${number}_unsure"]`).checked);
    }
    mark = performance.now();
    const body = new URLSearchParams(new FormData(autosaved));
    body.set("action", "save");
    // getAttribute: the form's buttons are named "action", which shadows form.action.
    fetch(autosaved.getAttribute("action"), { method: "POST", body, credentials: "same-origin", redirect: "manual" }).catch(() => {});
  });
}

// "Why was I wrong?" waits for the model: say so while it writes, and keep a second click from
// asking twice.
for (const slow of document.querySelectorAll("form[data-progress]")) {
  slow.addEventListener("submit", () => {
    slow.querySelector(".working").hidden = false;
    // After the submission has started: a disabled button would not submit the form.
    setTimeout(() => { for (const button of slow.querySelectorAll("button")) button.disabled = true; }, 0);
  });
}

// Clerk mode: Clerk's script is on every page and renews the minute-long session cookie while
// a page is open. The sign-in page mounts Clerk's sign-in and, when Clerk already has a session
// (the server saw an expired cookie), goes straight back to where the student was; once, so a
// session the server refuses cannot bounce between pages. Signing out ends Clerk's session too.
if (document.querySelector("script[data-clerk-publishable-key]")) {
  const status = document.getElementById("clerk-status");
  const mount = document.getElementById("clerk-sign-in");
  const loaded = window.Clerk ? window.Clerk.load() : Promise.reject(new Error("Clerk's script did not load"));
  loaded.then(() => {
    if (!mount) return;
    if (window.Clerk.user) {
      const last = Number(sessionStorage.getItem("genta-clerk-return") || 0);
      if (Date.now() - last < 10000) { status.textContent = status.dataset.rejected; return; }
      sessionStorage.setItem("genta-clerk-return", String(Date.now()));
      window.location.replace(mount.dataset.next);
      return;
    }
    window.Clerk.mountSignIn(mount, { forceRedirectUrl: mount.dataset.next, signUpForceRedirectUrl: "/onboarding" });
  }).catch(() => { if (status) status.textContent = status.dataset.failed; });
  for (const signOut of document.querySelectorAll("form[action='/keluar']")) {
    signOut.addEventListener("submit", (event) => {
      if (!window.Clerk || !window.Clerk.user) return;
      event.preventDefault();
      window.Clerk.signOut().finally(() => signOut.submit());
    });
  }
}
