// The knowledge-base page listens to the app it embeds (README, "Hosting and embedding"): it
// keeps what it heard (its own counting; the tests read it as window.kbHeard) and offers its
// survey once the closure is requested. An external script, as the page's CSP requires.
const app = document.querySelector("[data-offboard]");
const heard = (window.kbHeard = []);
for (const type of ["offboard:mode", "offboard:step", "offboard:scan", "offboard:run", "offboard:requested"]) {
  app.addEventListener(type, (e) => heard.push({ type, detail: e.detail }));
}
app.addEventListener("offboard:requested", () => {
  document.getElementById("kb-survey").hidden = false;
});
