//! Short notices over the board (a refused move, an arrow erased, a [`PlayNotice`]) that go
//! away by themselves.

use bevy::prelude::*;

use crate::feedback::refusal_message;
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::Event;
use crate::screens::Screen;
use crate::session::{ActionRejected, GameEvent, PlayNotice};
use crate::theme::font::UiFonts;
use crate::theme::layout::TOP_BAR_HEIGHT;
use crate::theme::palette;

/// A short notice that goes away by itself.
#[derive(Component)]
struct Notice {
    until: f32,
}

const NOTICE_SECONDS: f32 = 4.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_notices, expire_notices)
            .in_set(crate::AppSystems::Sync)
            .in_set(super::PlayViews),
    );
}

fn show_notices(
    mut commands: Commands,
    mut rejected: MessageReader<ActionRejected>,
    mut events: MessageReader<GameEvent>,
    lang: Res<Lang>,
    fonts: Res<UiFonts>,
    time: Res<Time>,
    old: Query<Entity, With<Notice>>,
    mut requested: ResMut<PlayNotice>,
) {
    let mut message = None;
    if requested.0.is_some() {
        message = requested.0.take().map(|text| (text, palette::ACCENT));
    }
    for r in rejected.read() {
        message = Some((
            refusal_message(lang.0, &r.refusal).to_owned(),
            palette::ERROR_TEXT,
        ));
    }
    for GameEvent(event) in events.read() {
        let key = match event {
            Event::LinkRemoved(_) => Key::LinkRemoved,
            Event::Undone => Key::Undone,
            Event::Redone => Key::Redone,
            _ => continue,
        };
        message = Some((lang.t(key).to_owned(), palette::INK));
    }
    let Some((text, color)) = message else {
        return;
    };
    for entity in &old {
        commands.entity(entity).despawn();
    }
    commands.spawn((
        Name::new("Notice"),
        Notice {
            until: time.elapsed_secs() + NOTICE_SECONDS,
        },
        DespawnOnExit(Screen::Play),
        Node {
            position_type: PositionType::Absolute,
            top: px(TOP_BAR_HEIGHT + 10.0),
            left: px(16),
            padding: UiRect::axes(px(14), px(8)),
            border: px(2).all(),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette::PAPER),
        BorderColor::all(color),
        GlobalZIndex(40),
        Pickable::IGNORE,
        children![(
            Text::new(text),
            fonts.bold(15.0),
            TextColor(color),
            Pickable::IGNORE
        )],
    ));
}

fn expire_notices(mut commands: Commands, notices: Query<(Entity, &Notice)>, time: Res<Time>) {
    for (entity, notice) in &notices {
        if time.elapsed_secs() > notice.until {
            commands.entity(entity).despawn();
        }
    }
}
