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
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {

    pub fn set_data(_key: &str, _value: &str) {}
    pub fn report_error(_message: &str) {}
    pub fn query_param(_name: &str) -> Option<String> {
        None
    }
    pub fn set_language(_code: &str, _title: &str) {}
    pub fn set_state_json(_json: &str) {}
    pub fn announce(_text: &str) {}
    pub fn prefers_reduced_motion() -> bool {
        false
    }
}

pub use imp::*;
