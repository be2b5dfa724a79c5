//! The browser's `localStorage`, as strings by key. Natively (tests) a map per thread, so a
//! test can restart the app and find what it saved.

#[cfg(target_arch = "wasm32")]
mod imp {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn get(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    /// Whether the value was stored (the browser may refuse: quota, private mode).
    pub fn set(key: &str, value: &str) -> bool {
        local().is_some_and(|s| s.set_item(key, value).is_ok())
    }

    pub fn remove(key: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(key);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        static MAP: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }

    pub fn get(key: &str) -> Option<String> {
        MAP.with(|m| m.borrow().get(key).cloned())
    }

    pub fn set(key: &str, value: &str) -> bool {
        MAP.with(|m| m.borrow_mut().insert(key.to_owned(), value.to_owned()));
        true
    }

    pub fn remove(key: &str) {
        MAP.with(|m| m.borrow_mut().remove(key));
    }
}

pub use imp::*;
