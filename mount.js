// offboard for host pages that start the app from their own script instead of data- attributes:
//
//     import { mount } from "/path/to/dist/mount.js";
//     await mount(document.getElementById("closure"), { mode: "demo", locale: "en-GB" });
//
// Importing this file (not offboard.js) is what tells the app not to start by itself: the flag
// is set before offboard.js is even fetched, so nothing else on the page can race it. `mount`
// returns a promise of the start; it rejects with a TypeError naming a wrong argument, or an
// Error if the app is already mounted on the page (by another call, or by an offboard.js
// script tag that ran first).
globalThis.offboardScripted = true;
const boot = import("./offboard.js");

export async function mount(element, config) {
  return (await boot).mount(element, config);
}
