// Starts the app. It is a file rather than the inline module script Trunk would inject, so the
// app runs under a CSP of `script-src 'self' 'wasm-unsafe-eval'`. Trunk writes the tag that loads
// this file (pattern_script in Trunk.toml) with the hashed names of the JS glue and the wasm.
const tag = document.querySelector('script[data-wasm]');
try {
  const { default: init } = await import(new URL(tag.dataset.js, document.baseURI).href);
  await init({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
} catch (e) {
  console.error('awork-admin could not start', e);
  const app = document.getElementById('app');
  if (app && app.querySelector('.boot')) {
    app.querySelector('.boot').textContent =
      'awork admin could not start: this browser blocked or could not load its WebAssembly. Reload to try again.';
  }
}
