//! Entry point: start the app once the page has loaded the wasm.

fn main() {
    wasm_bindgen_futures::spawn_local(awork_admin::start());
}
