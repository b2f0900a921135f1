//! A long list that keeps only the rows on screen in the page (plus a few either side), so
//! 10,000 rows scroll as smoothly as 10. Rows are [`ROW_HEIGHT`] px high, as style/main.css has
//! `.member-row`.

use crate::components::dynamic;
use leptos::html::Div;
use leptos::prelude::*;
use std::ops::Range;
use wasm_bindgen::JsCast;

/// Height of one row in px (whole pixels: the styles are written without float formatting).
pub const ROW_HEIGHT: usize = 60;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;

/// Which rows of a list of `len` rows of `row_height` px are on screen when scrolled to
/// `scroll_top` in a viewport `viewport` px high, plus `overscan` rows either side.
pub fn window(scroll_top: f64, viewport: f64, row_height: f64, len: usize, overscan: usize) -> Range<usize> {
    if len == 0 || row_height <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let count = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(len);
    let end = (first + count + overscan).min(len);
    start..end
}

/// The list: `len` rows, of which `rows` renders those in a range (each with its position, for
/// `aria-rowindex`). It scrolls back to the top whenever `top` changes (a new search or sort);
/// `children` show below the rows (an empty list's message).
#[component]
pub fn WindowedList<R, V>(
    #[prop(into)] len: Signal<usize>,
    rows: R,
    #[prop(into)] label: Signal<String>,
    /// `loading`, `done` or `error`, for tests and benchmarks to wait on.
    #[prop(into)]
    state: Signal<&'static str>,
    #[prop(into)] top: Signal<()>,
    children: ChildrenFn,
) -> impl IntoView
where
    R: Fn(Range<usize>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(640.0);
    let scroller = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(el.client_height() as f64);
        }
    });
    let range = Memo::new(move |_| window(scroll_top.get(), viewport.get(), ROW_HEIGHT as f64, len.get(), OVERSCAN));
    Effect::new(move |_| {
        top.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    view! {
        <div class="member-list" role="table" node_ref=scroller tabindex="0" aria-label=label
            aria-rowcount=move || len.get() data-state=state
            on:scroll=move |ev| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    scroll_top.set(el.scroll_top() as f64);
                    viewport.set(el.client_height() as f64);
                }
            }>
            <div class="member-spacer" style:height=move || format!("{}px", len.get() * ROW_HEIGHT)>
                <div class="member-window" role="rowgroup"
                    style:transform=move || format!("translateY({}px)", range.get().start * ROW_HEIGHT)>
                    {dynamic(move || rows(range.get()))}
                </div>
            </div>
            {children()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_on_screen_are_rendered() {
        assert_eq!(window(0.0, 560.0, 56.0, 10_000, 5), 0..16);
        assert_eq!(window(56.0 * 5000.0, 560.0, 56.0, 10_000, 5), 4995..5016);
        assert_eq!(window(56.0 * 9999.0, 560.0, 56.0, 10_000, 5), 9994..10_000);
        assert_eq!(window(0.0, 560.0, 56.0, 3, 5), 0..3);
        assert_eq!(window(100.0, 560.0, 56.0, 0, 5), 0..0);
    }
}
