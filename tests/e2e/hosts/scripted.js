// A host page's own script: mounts the app with a config object instead of data- attributes.
import { mount } from "./app/mount.js";

await mount(document.getElementById("closure"), { mode: "demo", locale: "en-GB" });
