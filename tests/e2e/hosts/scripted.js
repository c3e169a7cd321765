// A host page's own script: mounts the app with a config object instead of data- attributes.
import { mount } from "./app/offboard.js";

mount(document.getElementById("closure"), { mode: "demo", locale: "en-GB" });
