//! The page around the canvas, through web-sys; nothing on native builds.

#[cfg(target_arch = "wasm32")]
mod imp {

    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    pub fn set_data(key: &str, value: &str) {
        if let Some(body) = document().and_then(|d| d.body()) {
            let _ = body.dataset().set(key, value);
        }
    }

    pub fn report_error(message: &str) {
        set_data("error", message);
        set_data("appState", "error");
        if let Some(el) = document().and_then(|d| d.get_element_by_id("error-message")) {
            el.set_text_content(Some(message));
        }
        if let Some(el) = document()
            .and_then(|d| d.get_element_by_id("error"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.remove_attribute("hidden");
        }
    }

    pub fn query_param(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get(name)
    }

    pub fn set_language(code: &str, title: &str) {
        if let Some(doc) = document() {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", code);
            }
            doc.set_title(title);
        }
    }

    pub fn set_state_json(json: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id("fresque-state")) {
            el.set_text_content(Some(json));
        }
    }

    pub fn set_mirror_json(json: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id("fresque-mirror")) {
            el.set_text_content(Some(json));
        }
    }

    pub fn announce(text: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id("announcer")) {
            el.set_text_content(Some(text));
        }
    }

    pub fn prefers_reduced_motion() -> bool {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|m| m.matches())
    }

    pub fn get_data(key: &str) -> Option<String> {
        document()?.body()?.dataset().get(key)
    }

    /// Fills a text field of the page (e.g. the join form's code).
    pub fn set_input(id: &str, value: &str) {
        if let Some(input) = document()
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(value);
        }
    }

    /// The page's address without its query, e.g. `https://example.org/fresque/`.
    pub fn base_url() -> Option<String> {
        let location = web_sys::window()?.location();
        Some(format!(
            "{}{}",
            location.origin().ok()?,
            location.pathname().ok()?
        ))
    }

    /// Sets `key=value` in the address without reloading (a reload then comes back here).
    pub fn replace_address_param(key: &str, value: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(search) = window.location().search() else {
            return;
        };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return;
        };
        params.set(key, value);
        let url = format!("?{}", String::from(params.to_string()));
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// Clicks the page's hidden file input `#deck-file` (its change handler reads the file).
    pub fn pick_deck_file() {
        if let Some(input) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("deck-file"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.click();
        }
    }

    /// Opens `url` (relative to the page) in a new tab, or in this one if pop-ups are blocked.
    pub fn open_url(url: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        match window.open_with_url_and_target(url, "_blank") {
            Ok(Some(_)) => {}
            _ => {
                let _ = window.location().set_href(url);
            }
        }
    }

    /// Hands a board export to the page's script (`window.fresqueExportBoard`), which draws
    /// the PNG and offers both files in a dialog (`labels`: its texts, JSON). `false` if the page has no such function.
    pub fn export_board(base_name: &str, json: &str, labels: &str) -> bool {
        use wasm_bindgen::JsValue;
        let Some(window) = web_sys::window() else {
            return false;
        };
        let Ok(f) = js_sys::Reflect::get(&window, &JsValue::from_str("fresqueExportBoard")) else {
            return false;
        };
        let Ok(f) = f.dyn_into::<js_sys::Function>() else {
            return false;
        };
        f.call3(
            &JsValue::NULL,
            &JsValue::from_str(json),
            &JsValue::from_str(base_name),
            &JsValue::from_str(labels),
        )
        .is_ok()
    }

    /// Seconds since 1970 (UTC), from the browser's clock.
    pub fn now_unix_seconds() -> u64 {
        (js_sys::Date::now() / 1000.0) as u64
    }

    thread_local! {
        static REQUESTS: std::cell::RefCell<Vec<(String, String)>> =
            const { std::cell::RefCell::new(Vec::new()) };
        static WAKE: std::cell::RefCell<Option<Box<dyn Fn()>>> =
            const { std::cell::RefCell::new(None) };
    }

    /// How the page wakes the game up when it sends a request.
    pub fn set_waker(wake: Box<dyn Fn()>) {
        WAKE.with(|w| *w.borrow_mut() = Some(wake));
    }

    /// Requests the page sent since the last call: (kind, value).
    pub fn take_requests() -> Vec<(String, String)> {
        REQUESTS.with(|r| std::mem::take(&mut *r.borrow_mut()))
    }

    /// Called by the page's script (e.g. the join form: `page_request("join", json)`).
    #[wasm_bindgen::prelude::wasm_bindgen]
    pub fn page_request(kind: String, value: String) {
        REQUESTS.with(|r| r.borrow_mut().push((kind, value)));
        WAKE.with(|w| {
            if let Some(wake) = &*w.borrow() {
                wake();
            }
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {

    pub fn get_data(_key: &str) -> Option<String> {
        None
    }
    pub fn set_input(_id: &str, _value: &str) {}
    pub fn base_url() -> Option<String> {
        None
    }
    pub fn replace_address_param(_key: &str, _value: &str) {}
    pub fn take_requests() -> Vec<(String, String)> {
        Vec::new()
    }
    pub fn set_data(_key: &str, _value: &str) {}
    pub fn report_error(_message: &str) {}
    pub fn query_param(_name: &str) -> Option<String> {
        None
    }
    pub fn set_language(_code: &str, _title: &str) {}
    pub fn set_state_json(_json: &str) {}
    pub fn set_mirror_json(_json: &str) {}
    pub fn announce(_text: &str) {}
    pub fn prefers_reduced_motion() -> bool {
        false
    }

    thread_local! {
        static OPENED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    pub fn pick_deck_file() {}

    thread_local! {
        static EXPORTS: std::cell::RefCell<Vec<(String, String)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Natively, remembers the export (see [`exported_boards`]).
    pub fn export_board(base_name: &str, json: &str, _labels: &str) -> bool {
        EXPORTS.with(|e| e.borrow_mut().push((base_name.to_owned(), json.to_owned())));
        true
    }

    /// The boards exported so far on this thread: (file name without extension, JSON).
    pub fn exported_boards() -> Vec<(String, String)> {
        EXPORTS.with(|e| e.borrow().clone())
    }

    pub fn now_unix_seconds() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }

    /// Natively, remembers the address (see [`opened_urls`]).
    pub fn open_url(url: &str) {
        OPENED.with(|o| o.borrow_mut().push(url.to_owned()));
    }

    /// The addresses opened so far on this thread (for tests).
    pub fn opened_urls() -> Vec<String> {
        OPENED.with(|o| o.borrow().clone())
    }
}

pub use imp::*;
