//! Where things lie on the board: the zones of a categories round, the line of a timeline,
//! and where each card belongs when the solution is shown. Pure geometry, shared by the
//! rules (to check) and the views (to draw), so both always agree.

use super::board::{BOARD_HALF_HEIGHT, Pos};
use super::deck::{CardId, CategoriesRound, LinksRound, MatchingRound, RoundKind, TimelineRound};

/// A card's size on the board, in board units.
pub const CARD_WIDTH: f32 = 240.0;
pub const CARD_HEIGHT: f32 = 180.0;

/// The gap between two zones.
const ZONE_GAP: f32 = 40.0;
/// The band at the top of a zone that holds its label.
pub const ZONE_HEADER: f32 = 190.0;
/// The room a card takes in a zone's grid or on a timeline.
const CELL_WIDTH: f32 = CARD_WIDTH + 20.0;
const CELL_HEIGHT: f32 = CARD_HEIGHT + 24.0;
/// The distance between two steps of a timeline.
const STEP_WIDTH: f32 = CARD_WIDTH + 40.0;

/// An axis-aligned rectangle on the board.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Pos,
    pub max: Pos,
}

impl Rect {
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    pub fn center(&self) -> Pos {
        Pos::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            min: Pos::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Pos::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }
}

/// The zones of a categories round, side by side and centred on the board, in the deck's
/// order. Each is two cards wide and tall enough for the fullest zone of the solution, with
/// room to spare, so that the whole round fits on one screen when zoomed out a little.
pub fn zone_rects(round: &CategoriesRound) -> Vec<Rect> {
    let n = round.zones.len().max(1);
    let fullest = round
        .zones
        .iter()
        .map(|z| {
            round
                .cards
                .iter()
                .filter(|c| c.zones.contains(&z.id))
                .count()
        })
        .max()
        .unwrap_or(0);
    let columns = 2.0;
    let rows = (fullest as f32 / columns).ceil().max(3.0) + 1.0;
    let width = columns * CELL_WIDTH + 40.0;
    let height = (ZONE_HEADER + rows * CELL_HEIGHT + 30.0).min(2.0 * BOARD_HALF_HEIGHT - 100.0);
    let total = n as f32 * width + (n - 1) as f32 * ZONE_GAP;
    (0..n)
        .map(|i| {
            let left = -total / 2.0 + i as f32 * (width + ZONE_GAP);
            Rect {
                min: Pos::new(left, -height / 2.0),
                max: Pos::new(left + width, height / 2.0),
            }
        })
        .collect()
}

/// The smallest rectangle holding `rects`.
fn bounds(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    rects.into_iter().reduce(Rect::union)
}

/// The rectangle around cards centred at `positions`.
pub fn cards_bounds(positions: impl IntoIterator<Item = Pos>) -> Option<Rect> {
    bounds(positions.into_iter().map(|p| Rect {
        min: Pos::new(p.x - CARD_WIDTH / 2.0, p.y - CARD_HEIGHT / 2.0),
        max: Pos::new(p.x + CARD_WIDTH / 2.0, p.y + CARD_HEIGHT / 2.0),
    }))
}

/// The part of the board a round is played on, when it has landmarks (zones, a line): the
/// view starts there.
pub fn focus_rect(kind: &RoundKind) -> Option<Rect> {
    match kind {
        RoundKind::Categories(r) => bounds(zone_rects(r)),
        RoundKind::Timeline(r) => {
            let (left, right) = timeline_extent(r);
            Some(Rect {
                min: Pos::new(left, TIMELINE_Y - 2.0 * CARD_HEIGHT),
                max: Pos::new(right, TIMELINE_Y + 2.0 * CARD_HEIGHT),
            })
        }
        RoundKind::Links(_) | RoundKind::Matching(_) => None,
    }
}

/// Where a timeline's line starts and ends (x), with room for a card beyond each end.
pub fn timeline_extent(round: &TimelineRound) -> (f32, f32) {
    let half = (round.steps.len().max(1) - 1) as f32 * STEP_WIDTH / 2.0 + CARD_WIDTH;
    (-half, half)
}

/// The zone (index) a card centred at `pos` lies in.
pub fn zone_at(round: &CategoriesRound, pos: Pos) -> Option<usize> {
    zone_rects(round).iter().position(|r| r.contains(pos))
}

/// The height of a timeline's line; players order cards along it, left to right.
pub const TIMELINE_Y: f32 = 0.0;

/// Where each card belongs, for "show solution".
pub fn solution_positions(kind: &RoundKind) -> Vec<(CardId, Pos)> {
    match kind {
        RoundKind::Links(r) => links_layout(r),
        RoundKind::Categories(r) => categories_layout(r),
        RoundKind::Timeline(r) => timeline_layout(r),
        RoundKind::Matching(r) => matching_layout(r),
    }
}

/// The reference poster: a layered drawing from causes (left) to effects (right), with the
/// deck's own places for the cards it positions.
fn links_layout(round: &LinksRound) -> Vec<(CardId, Pos)> {
    let cards: Vec<&CardId> = round.cards().collect();
    let index = |c: &CardId| cards.iter().position(|x| *x == c);
    let edges: Vec<(usize, usize)> = round
        .links
        .iter()
        .filter_map(|l| Some((index(&l.from)?, index(&l.to)?)))
        .collect();
    let places = super::poster::layered_layout(cards.len(), &edges);
    cards
        .into_iter()
        .zip(places)
        .map(|(card, laid_out)| {
            let pos = round
                .positions
                .iter()
                .find(|(c, _)| c == card)
                .map_or(laid_out, |(_, p)| *p);
            (card.clone(), pos)
        })
        .collect()
}

fn categories_layout(round: &CategoriesRound) -> Vec<(CardId, Pos)> {
    let rects = zone_rects(round);
    let mut filled = vec![0usize; rects.len()];
    let mut out = Vec::new();
    for sorted in &round.cards {
        let Some(zone) = sorted
            .zones
            .first()
            .and_then(|z| round.zones.iter().position(|x| &x.id == z))
        else {
            continue;
        };
        let rect = rects[zone];
        let columns = ((rect.width() / (CARD_WIDTH + 20.0)).floor() as usize).max(1);
        let n = filled[zone];
        filled[zone] += 1;
        let (col, row) = (n % columns, n / columns);
        let cell = rect.width() / columns as f32;
        let x = rect.min.x + cell * (col as f32 + 0.5);
        let y = rect.max.y - ZONE_HEADER - CARD_HEIGHT / 2.0 - row as f32 * (CARD_HEIGHT + 24.0);
        out.push((
            sorted.card.clone(),
            Pos::new(x, y.max(rect.min.y + CARD_HEIGHT / 2.0)),
        ));
    }
    out
}

fn timeline_layout(round: &TimelineRound) -> Vec<(CardId, Pos)> {
    let n = round.steps.len();
    let mut out = Vec::new();
    for (k, step) in round.steps.iter().enumerate() {
        let x = (k as f32 - (n - 1) as f32 / 2.0) * STEP_WIDTH;
        for (j, card) in step.iter().enumerate() {
            // Parallel steps stack up and down from the line.
            let offset = (j as f32 - (step.len() - 1) as f32 / 2.0) * (CARD_HEIGHT + 30.0);
            out.push((card.clone(), Pos::new(x, TIMELINE_Y - offset).clamped()));
        }
    }
    out
}

/// Pairs in rows, each left card followed by its partner(s); two columns of pairs when there
/// are many.
fn matching_layout(round: &MatchingRound) -> Vec<(CardId, Pos)> {
    let n = round.pairs.len();
    let columns = if n > 6 { 2 } else { 1 };
    let rows = n.div_ceil(columns);
    let widest = round.pairs.iter().map(|p| p.right.len()).max().unwrap_or(1);
    let column_width = (widest + 1) as f32 * CELL_WIDTH + 120.0;
    let row_height = CARD_HEIGHT + 70.0;
    let left0 = -(columns as f32 * column_width) / 2.0 + CARD_WIDTH / 2.0 + 40.0;
    let top = (rows - 1) as f32 * row_height / 2.0;
    let mut out = Vec::new();
    for (i, pair) in round.pairs.iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let x0 = left0 + column as f32 * column_width;
        let y = top - row as f32 * row_height;
        out.push((pair.left.clone(), Pos::new(x0, y)));
        for (j, right) in pair.right.iter().enumerate() {
            out.push((
                right.clone(),
                Pos::new(x0 + (j + 1) as f32 * (CELL_WIDTH + 40.0), y),
            ));
        }
    }
    out.into_iter().map(|(c, p)| (c, p.clamped())).collect()
}

/// The order of cards along a timeline, left to right (ties: higher first, then by id).
pub fn timeline_order(placed: &[(CardId, Pos)]) -> Vec<CardId> {
    let mut cards: Vec<&(CardId, Pos)> = placed.iter().collect();
    cards.sort_by(|a, b| {
        a.1.x
            .total_cmp(&b.1.x)
            .then(b.1.y.total_cmp(&a.1.y))
            .then(a.0.cmp(&b.0))
    });
    cards.into_iter().map(|(c, _)| c.clone()).collect()
}
