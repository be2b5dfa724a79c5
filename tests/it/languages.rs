//! Interface languages beyond French and English, in the headless game: a table registered at
//! run time (the test-only pseudo-locale `en-XA` of tests/fixtures/i18n) is offered on the
//! title screen under its own name, and choosing it switches the texts, with English for the
//! keys it lacks.

use fresque::i18n::{self, Key, Language, tr};
use fresque::locale::Lang;
use fresque::screens::flow::Screen;
use fresque::ui_action::UiAction;

use crate::app::{controls, game_with_decks, screen, send, texts, update_until};

/// Registers the pseudo-locale (harmless if another test did already).
fn pseudo_locale() -> Language {
    let text = std::fs::read_to_string(crate::root().join("tests/fixtures/i18n/en-XA.ron"))
        .expect("the fixture table");
    i18n::add_language("en-XA", &text).expect("the fixture table is valid")
}

#[test]
fn a_registered_language_is_offered_on_the_title_screen_and_switches_the_texts() {
    let pseudo = pseudo_locale();
    let mut app = game_with_decks("pseudo-locale", &["valid.fr.ron"]);
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);

    let ids = controls(app.world_mut());
    for id in ["language:en", "language:en-XA"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "language:fr"), "{ids:?}");
    let shown = texts(app.world_mut());
    assert!(shown.contains("English"), "{shown}");
    assert!(
        shown.contains("[Ƥšéüðö Éñĝļîšĥ]"),
        "named in itself: {shown}"
    );
    assert!(shown.contains("Jouer"), "{shown}");

    send(&mut app, UiAction::SetLanguage(pseudo));
    assert_eq!(app.world().resource::<Lang>().0, pseudo);
    assert_eq!(screen(app.world()), Screen::Title);
    let shown = texts(app.world_mut());
    assert!(shown.contains("[Ƒŕéšqüé ðé ļå ðémöçŕåţîé]"), "{shown}");
    assert!(shown.contains("[Ƥļåý]"), "{shown}");
    assert!(!shown.contains("Jouer"), "{shown}");
    // The subtitle is not in the fixture: English, key by key.
    assert!(
        shown.contains(tr(Language::EN, Key::AppSubtitle)),
        "{shown}"
    );
    let ids = controls(app.world_mut());
    for id in ["language:fr", "language:en"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "language:en-XA"), "{ids:?}");

    // The deck screen speaks it too, and French comes back with its button.
    send(&mut app, UiAction::OpenDecks);
    assert_eq!(screen(app.world()), Screen::Decks);
    assert!(texts(app.world_mut()).contains("[Çĥööšé å ðéçķ]"));
    send(&mut app, UiAction::SetLanguage(Language::FR));
    assert_eq!(screen(app.world()), Screen::Decks);
    assert!(texts(app.world_mut()).contains(tr(Language::FR, Key::ChooseDeck)));
}

#[test]
fn french_and_english_alone_look_as_before() {
    let mut app = game_with_decks("two-languages", &["valid.fr.ron"]);
    update_until(&mut app, "the title screen", |w| screen(w) == Screen::Title);
    // Another test may have registered the pseudo-locale: only the real ones are checked.
    let ids = controls(app.world_mut());
    assert!(ids.iter().any(|i| i == "language:en"), "{ids:?}");
    assert!(!ids.iter().any(|i| i == "language:fr"), "{ids:?}");
    send(&mut app, UiAction::SetLanguage(Language::EN));
    let shown = texts(app.world_mut());
    assert!(
        shown.contains("Democracy Fresk") && shown.contains("Français"),
        "{shown}"
    );
}
