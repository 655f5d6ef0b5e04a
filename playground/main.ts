/**
 * The playground page: wires the editors and inputs to the evaluation worker and shows each answer.
 * A draft that cannot be evaluated (bad session JSON, an unusable key set) gets its message at the
 * input, and the last good token stays, marked stale.
 */
import {
  generateJwks,
  JWK_ALGS,
  type JwkAlg,
  type JwkSet,
  parseSession,
  publicJwks,
  rotateJwks,
  type Session,
  type TargetProfile,
} from "ory-tokenizer";
import type { TemplatePreview } from "ory-tokenizer/lint";
import { hasPrivateMaterial } from "./key_material.ts";
import { createEditor, replaceText, showFindings, showProblem } from "./editors.ts";
import { jsonProblem } from "./json_problem.ts";
import { GUIDE_MAPPER, SESSION_PRESETS } from "./presets.ts";
import { renderError, renderPreview } from "./render.ts";
import { loadState, type PlaygroundState, saveState } from "./storage.ts";
import { type PreviewOutcome, PreviewWorker } from "./worker_client.ts";
import { renderConfig, selectConfig } from "./config_panel.ts";
import { readShareFragment, secretKeysAlg, SHARE_PREFIX, shareFragment, ShareLinkError } from "./share.ts";
import {
  knownTargets,
  previewTargets,
  renderGallery,
  renderPicker,
  renderVerdicts,
  settingsText,
  targetDiagnostics,
} from "./targets_panel.ts";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => byId<HTMLInputElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);

function setStatus(state: "working" | "ok" | "error" | "stale" | "stopped", text: string): void {
  const status = byId("status");
  status.dataset["state"] = state;
  status.textContent = text;
  byId("token").dataset["stale"] = String(state === "stale" || state === "stopped");
}

function setProblem(id: string, message: string | undefined): void {
  const node = byId(id);
  node.hidden = message === undefined;
  node.textContent = message ?? "";
}

const saved = loadState();
const state: PlaygroundState = {
  templateName: saved.templateName ?? "jwt_example_template1",
  ttl: saved.ttl ?? "10m",
  subjectSource: saved.subjectSource ?? "",
  issuer: saved.issuer ?? "",
  slug: saved.slug ?? "",
  clock: saved.clock ?? "now",
  mapper: saved.mapper ?? GUIDE_MAPPER,
  session: saved.session ?? JSON.stringify(SESSION_PRESETS[0]!.session(), null, 2),
  alg: saved.alg ?? "ES256",
  storePrivate: saved.storePrivate ?? false,
  targets: knownTargets(saved.targets),
  targetSettings: saved.targetSettings ?? {},
  ...(saved.jwks === undefined ? {} : { jwks: saved.jwks }),
};

/**
 * The key set text a share link brought (its public half, waiting for the private one), while it is
 * still the one in the editor: a set imported or typed since is the user's, and is judged as such.
 */
let sharedKeysText: string | undefined;
if (location.hash.startsWith(SHARE_PREFIX)) {
  try {
    const { publicJwks: publicSet, secretKeysAlg: secretAlg, ...shared } = await readShareFragment(location.hash);
    Object.assign(state, shared);
    state.targets = knownTargets(state.targets);
    state.targetSettings ??= {};
    if (publicSet === undefined) delete state.jwks;
    else {
      state.jwks = JSON.stringify(publicSet, null, 2);
      sharedKeysText = state.jwks;
    }
    if (secretAlg === undefined) setShareStatus("ok", "Restored from the link.");
    else {
      // The fresh set made below is of the same kind, so only the secret differs from the sender's.
      state.alg = secretAlg;
      setShareStatus(
        "warn",
        `Restored from the link, except its key set: the sender signed with an ${secretAlg} secret key, which a link ` +
          `never carries (anyone holding it could sign tokens). This page made a new ${secretAlg} key set; to sign ` +
          "as the sender does, paste their key set, passed on some safer way.",
      );
    }
  } catch (error) {
    setShareStatus("error", error instanceof Error ? error.message : String(error));
  }
}

function setShareStatus(kind: "ok" | "warn" | "error", text: string): void {
  const status = byId("share-status");
  status.dataset["state"] = kind;
  status.textContent = text;
}

let lastGood: { preview: TemplatePreview; keys: JwkSet } | undefined;
let pendingKeys: JwkSet | undefined;

const worker = new PreviewWorker(new URL("./worker.js", import.meta.url), onOutcome);

function onOutcome(outcome: PreviewOutcome): void {
  if (outcome.kind === "stopped") {
    setStatus("stopped", "The mapper ran past 1 s: Ory stops it there, and so did this page. Edit it to try again.");
    return;
  }
  if (outcome.kind === "failed") {
    setStatus("error", `The evaluation failed: ${outcome.message}`);
    return;
  }
  const preview = outcome.preview;
  // Target findings about a claim the mapper writes are marked where it writes it, beside lint's.
  showFindings(editors.mapper, [...preview.diagnostics, ...targetDiagnostics(preview.targets)]);
  renderVerdicts(preview.targets, state);
  if (preview.token !== undefined) {
    lastGood = { preview, keys: pendingKeys! };
    // Times are shown against the real clock: a token signed at a chosen moment shows whether it expired.
    renderPreview(preview, Date.now());
    renderConfig(state, lastGood.keys);
    setStatus("ok", `Token signed with ${preview.header?.alg}.`);
  } else {
    renderError(preview.error);
    // Ory's own limits (1 s, 256 KiB of output) are the sandbox's too: say which one stopped it.
    const limit = preview.diagnostics.find((finding) => finding.code === "jsonnet-limit");
    if (limit !== undefined) setStatus("stopped", `Ory would stop this mapper, and so did this page: ${limit.message}`);
    else setStatus("stale", "Ory would refuse this template; the token below is the last good one.");
  }
}

function clockMs(): number {
  return state.clock === "now" ? Date.now() : state.clock;
}

/** The key set to sign with, or the reason it cannot sign (shown at the key set). */
function usableKeys(text: string): JwkSet | string {
  const problem = jsonProblem(text);
  if (problem !== undefined) return `The key set is not JSON: ${problem.message}`;
  const set = JSON.parse(text) as JwkSet;
  if (typeof set !== "object" || set === null || !Array.isArray(set.keys)) {
    return 'This is not a JSON Web Key Set: it needs a "keys" array.';
  }
  if (set.keys.length === 0) return "The key set has no key: Ory signs with the first one.";
  const first = set.keys[0];
  if (typeof first !== "object" || first === null) return "The first key is not a JSON Web Key (an object).";
  if (!hasPrivateMaterial(first)) {
    if (text === sharedKeysText) {
      return "The link carries the public key set only (links never hold private keys): paste the private set it belongs to, or Generate a new one.";
    }
    return "The first key is public only: Ory signs with it, so it needs its private members. Generate a set, or paste the private one.";
  }
  return set;
}

function evaluate(): void {
  saveState(state);
  let session: Session | undefined;
  try {
    session = parseSession(state.session, "The session");
    setProblem("session-problem", undefined);
    showProblem(editors.session, undefined);
  } catch (error) {
    const problem = jsonProblem(state.session);
    setProblem("session-problem", error instanceof Error ? error.message : String(error));
    showProblem(editors.session, problem ?? { message: String(error), from: 0 });
  }
  const keys = state.jwks === undefined ? "No key set yet." : usableKeys(state.jwks);
  if (typeof keys === "string") {
    setProblem("keys-problem", keys);
    const problem = state.jwks === undefined ? undefined : jsonProblem(state.jwks);
    showProblem(editors.keys, problem ?? { message: keys, from: 0 });
  } else {
    setProblem("keys-problem", undefined);
    showProblem(editors.keys, undefined);
  }
  if (session === undefined || typeof keys === "string") {
    setStatus("stale", "Fix the input marked in red; the token below is the last good one.");
    return;
  }
  pendingKeys = keys;
  setStatus("working", "Evaluating…");
  const slug = state.slug.trim();
  const { targets, problems } = previewTargets(state);
  setProblem("targets-problem", problems.length === 0 ? undefined : problems.join(" "));
  worker.request({
    claimsMapper: state.mapper,
    jwks: keys,
    ttl: state.ttl,
    ...(state.subjectSource === "" ? {} : { subjectSource: state.subjectSource }),
    session,
    ...(state.issuer.trim() === "" ? {} : { issuer: state.issuer.trim() }),
    ...(slug === "" ? {} : { projectSlug: slug }),
    nowMs: clockMs(),
    templateName: state.templateName,
    ...(targets.length === 0 ? {} : { targets }),
  });
}

/** An editor whose every change goes into `state[key]` and re-evaluates. */
function stateEditor(id: string, key: "mapper" | "session" | "jwks", language: "jsonnet" | "json", label: string) {
  return createEditor({
    parent: byId(id),
    text: state[key] ?? "",
    language,
    label,
    onChange: (text) => {
      state[key] = text;
      evaluate();
    },
  });
}

const editors = {
  mapper: stateEditor("mapper-editor", "mapper", "jsonnet", "Claims mapper"),
  session: stateEditor("session-editor", "session", "json", "Session JSON"),
  keys: stateEditor("keys-editor", "jwks", "json", "Key set JSON"),
};

function bindText(id: string, key: "templateName" | "ttl" | "issuer" | "slug"): void {
  input(id).value = state[key];
  input(id).addEventListener("input", () => {
    state[key] = input(id).value;
    evaluate();
  });
}
bindText("template-name", "templateName");
bindText("ttl", "ttl");
bindText("issuer", "issuer");
bindText("slug", "slug");

select("subject-source").value = state.subjectSource;
select("subject-source").addEventListener("change", () => {
  state.subjectSource = select("subject-source").value as PlaygroundState["subjectSource"];
  evaluate();
});

function showClock(): void {
  select("clock-mode").value = state.clock === "now" ? "now" : "fixed";
  input("clock").hidden = state.clock === "now";
  if (state.clock !== "now") input("clock").value = localDateTime(state.clock);
}
function localDateTime(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 19);
}
select("clock-mode").addEventListener("change", () => {
  state.clock = select("clock-mode").value === "now" ? "now" : Date.now();
  showClock();
  evaluate();
});
input("clock").addEventListener("change", () => {
  const ms = new Date(input("clock").value).getTime();
  if (Number.isNaN(ms)) return;
  state.clock = ms;
  evaluate();
});
showClock();

for (const [index, preset] of SESSION_PRESETS.entries()) {
  select("session-preset").append(new Option(preset.label, String(index)));
}
select("session-preset").addEventListener("change", () => {
  const preset = SESSION_PRESETS[Number(select("session-preset").value)]!;
  replaceText(editors.session, JSON.stringify(preset.session(), null, 2));
});

for (const alg of JWK_ALGS) select("alg").append(new Option(alg, alg));
select("alg").value = state.alg;
select("alg").addEventListener("change", () => {
  state.alg = select("alg").value;
  saveState(state);
});

async function generate(rotate: boolean): Promise<void> {
  const alg = state.alg as JwkAlg;
  const current = state.jwks === undefined ? undefined : usableKeys(state.jwks);
  const set = rotate && typeof current === "object" ? await rotateJwks(current, { alg }) : await generateJwks({ alg });
  replaceText(editors.keys, JSON.stringify(set, null, 2));
}
byId("generate").addEventListener("click", () => void generate(false));
byId("rotate").addEventListener("click", () => void generate(true));
input("import").addEventListener("change", async () => {
  const file = input("import").files?.[0];
  input("import").value = "";
  if (file === undefined) return;
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    // The file changed or went away after it was picked (Chromium: NotReadableError), or is not readable.
    const why = error instanceof Error ? error.message : String(error);
    setProblem("keys-problem", `Could not read ${file.name}: ${why} Pick it again; the key set above is unchanged.`);
    return;
  }
  replaceText(editors.keys, text);
});

input("store-private").checked = state.storePrivate;
input("store-private").addEventListener("change", () => {
  state.storePrivate = input("store-private").checked;
  saveState(state);
});

async function copy(text: string, button: HTMLElement): Promise<void> {
  await navigator.clipboard.writeText(text).catch(() => undefined);
  const label = button.textContent;
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = label), 1200);
}
byId("copy-token").addEventListener("click", () => void copy(byId("token").textContent ?? "", byId("copy-token")));
byId("copy-config").addEventListener("click", () => void copy(byId("config").textContent ?? "", byId("copy-config")));
for (const tab of document.querySelectorAll<HTMLButtonElement>("[data-config]")) {
  tab.addEventListener("click", () => selectConfig(tab.dataset["config"]!, state, lastGood?.keys));
}
byId("share").addEventListener("click", async () => {
  let fragment: string;
  try {
    fragment = await shareFragment(state);
  } catch (error) {
    if (!(error instanceof ShareLinkError)) throw error;
    setShareStatus("warn", error.message);
    return;
  }
  history.replaceState(null, "", fragment);
  await navigator.clipboard.writeText(location.href).catch(() => undefined);
  const secretAlg = secretKeysAlg(state.jwks);
  if (secretAlg === undefined) {
    setShareStatus(
      "ok",
      "Link copied. It holds the public key set only: whoever opens it pastes the private set or makes one.",
    );
  } else {
    setShareStatus(
      "warn",
      `Link copied, without the key set: an ${secretAlg} key is a secret with no public half, and a link never ` +
        "carries secrets. Whoever opens it gets a new key set; pass yours on some safer way if they need it.",
    );
  }
});
byId("download-public").addEventListener("click", () => {
  if (lastGood === undefined) return;
  let publicSet: JwkSet;
  try {
    publicSet = publicJwks(lastGood.keys);
  } catch (error) {
    // An HS* set is a shared secret: it has no public half to hand out.
    setProblem("keys-problem", error instanceof Error ? error.message : String(error));
    return;
  }
  const blob = new Blob([JSON.stringify(publicSet, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "jwks.public.json";
  link.click();
  URL.revokeObjectURL(link.href);
});

renderPicker(state, evaluate);
renderGallery((profile) => void loadStarter(profile));

/** The alg of the key set's first key, when the editor holds a usable set. */
function currentAlg(): string | undefined {
  const keys = state.jwks === undefined ? undefined : usableKeys(state.jwks);
  return typeof keys === "object" ? keys.keys[0]?.alg : undefined;
}

/**
 * A target's starter: its mapper and template settings, the target chosen with the settings the starter
 * assumes, and a new key set of its algorithm when the current one is of another.
 */
async function loadStarter(profile: TargetProfile): Promise<void> {
  const starter = profile.starter;
  state.templateName = profile.name.replace(/-/g, "_");
  state.ttl = starter.template.ttl;
  state.subjectSource = starter.template.subject_source === "external_id" ? "external_id" : "";
  state.issuer = starter.issuer ?? "";
  state.slug = "";
  state.alg = starter.template.alg;
  const names = new Set([...(state.targets ?? []), profile.name]);
  state.targets = knownTargets([...names]);
  state.targetSettings = { ...state.targetSettings, [profile.name]: settingsText(starter.settings) };
  for (const id of ["template-name", "ttl", "issuer", "slug"] as const) {
    const key = ({ "template-name": "templateName", ttl: "ttl", issuer: "issuer", slug: "slug" } as const)[id];
    input(id).value = state[key];
  }
  select("subject-source").value = state.subjectSource;
  select("alg").value = state.alg;
  renderPicker(state, evaluate);
  const status = byId("starter-status");
  status.hidden = false;
  status.textContent = `Loaded the ${profile.name} starter: its mapper, ttl ${starter.template.ttl}` +
    `${starter.issuer === undefined ? "" : `, issuer ${starter.issuer}`}, ${starter.template.alg} keys. ` +
    (starter.template.alg.startsWith("HS")
      ? `${profile.name} verifies with its own secret: the key set here is a stand-in; make the real one from ` +
        "the service's secret with `ory-tokenizer jwk create … --alg HS256 --secret-file <file>`. "
      : "") +
    `Service side: ${starter.serviceSide}`;
  (byId("starters") as HTMLDetailsElement).open = false;
  replaceText(editors.mapper, starter.claimsMapper);
  if (currentAlg() !== starter.template.alg) await generate(false);
  else evaluate();
}

// The expiry countdown follows the real clock.
setInterval(() => {
  if (lastGood !== undefined) renderPreview(lastGood.preview, Date.now());
}, 1000);

if (state.jwks === undefined) await generate(false);
else evaluate();
