//! The reference poster of a links round: a layered drawing of the cause → effect graph, as a
//! facilitator's poster shows it. Causes on the left, effects on the right, no two cards on
//! top of each other, and few crossing arrows.
//!
//! This is the classic layered ("Sugiyama") method, in four steps:
//! 1. break cycles (a deck's links should have none, but a wrong deck must not hang the game);
//! 2. give each card a column (layer) so that every arrow points right, with at most
//!    [`MAX_ROWS`] cards per column, then add invisible waypoints where an arrow skips
//!    columns;
//! 3. order each column to reduce crossings (barycentre sweeps, then swaps of neighbours,
//!    keeping the best order seen);
//! 4. place cards vertically near the cards they link to, keeping the order and the gaps.
//!
//! Pure and deterministic: the same deck always gives the same poster.

use super::board::{BOARD_HALF_HEIGHT, BOARD_HALF_WIDTH, Pos};
use super::layout::{CARD_HEIGHT, CARD_WIDTH};

/// At most this many cards share a column (they must fit the board's height).
pub const MAX_ROWS: usize = 9;
/// The widest gap between two columns, centre to centre.
const MAX_COLUMN_STEP: f32 = CARD_WIDTH + 460.0;
/// The narrowest gap between two columns (room for an arrow between two cards).
const MIN_COLUMN_STEP: f32 = CARD_WIDTH + 40.0;
/// Vertical room of a card in a column, and of a waypoint.
const ROW_STEP: f32 = CARD_HEIGHT + 60.0;
const WAYPOINT_STEP: f32 = 70.0;
/// Rounds of the ordering heuristics (each is a down and an up sweep).
const ORDER_ROUNDS: usize = 24;

/// Lays out `n` cards (numbered from 0) joined by `edges` (`from` → `to`). Returns one
/// position per card, in the same order.
pub fn layered_layout(n: usize, edges: &[(usize, usize)]) -> Vec<Pos> {
    if n == 0 {
        return Vec::new();
    }
    let edges = acyclic(n, edges);
    // Fewer cards per column, then closer arrows, until the poster fits the board's height
    // without squeezing cards onto each other.
    let mut fallback = None;
    for max_rows in (4..=MAX_ROWS).rev() {
        let layer = bounded_layers(n, &edges, max_rows);
        let graph = Layered::new(n, &edges, &layer);
        let order = graph.best_order();
        for waypoint_step in [WAYPOINT_STEP, WAYPOINT_STEP / 2.0, 0.0] {
            let ys = graph.vertical_places(&order, waypoint_step);
            let span = ys.iter().copied().fold(f32::MIN, f32::max)
                - ys.iter().copied().fold(f32::MAX, f32::min);
            if span <= POSTER_HEIGHT {
                return place(&layer, &ys);
            }
            if fallback.is_none() {
                fallback = Some((layer.clone(), ys));
            }
        }
    }
    // Too many cards for the board's height: squeeze (cards may touch).
    let (layer, ys) = fallback.unwrap_or_default();
    let span =
        ys.iter().copied().fold(f32::MIN, f32::max) - ys.iter().copied().fold(f32::MAX, f32::min);
    let squeeze = POSTER_HEIGHT / span.max(1.0);
    let ys: Vec<f32> = ys.iter().map(|y| y * squeeze.min(1.0)).collect();
    place(&layer, &ys)
}

/// The room a poster has from its top card's centre to its bottom card's centre.
const POSTER_HEIGHT: f32 = 2.0 * BOARD_HALF_HEIGHT - CARD_HEIGHT - 40.0;

/// Positions from columns and heights: columns spread over the board's width.
fn place(layer: &[usize], ys: &[f32]) -> Vec<Pos> {
    let n = layer.len();
    let columns = layer.iter().max().map_or(1, |m| m + 1);
    let step = if columns > 1 {
        ((2.0 * BOARD_HALF_WIDTH - CARD_WIDTH - 200.0) / (columns - 1) as f32)
            .clamp(MIN_COLUMN_STEP, MAX_COLUMN_STEP)
    } else {
        0.0
    };
    let left = -(columns as f32 - 1.0) * step / 2.0;
    (0..n)
        .map(|i| Pos::new(left + layer[i] as f32 * step, ys[i]).clamped())
        .collect()
}

/// The edges with those that close a cycle turned round (found by a depth-first search in
/// card order), without self-loops or duplicates.
fn acyclic(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out_edges = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n && !out_edges[a].contains(&b) {
            out_edges[a].push(b);
        }
    }
    // 0 = not seen, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut kept = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        // An explicit stack: (node, next edge to look at).
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = out_edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        kept.push((node, to));
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => kept.push((to, node)),
                    _ => kept.push((node, to)),
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    kept.sort_unstable();
    kept.dedup();
    kept
}

/// A column per card: the longest chain of causes before it, then sources moved next to
/// their first effect, then columns holding more than `max_rows` cards relieved by pushing
/// cards (and what follows them) one column right.
fn bounded_layers(n: usize, edges: &[(usize, usize)], max_rows: usize) -> Vec<usize> {
    let preds: Vec<Vec<usize>> = (0..n)
        .map(|v| edges.iter().filter(|e| e.1 == v).map(|e| e.0).collect())
        .collect();
    let succs: Vec<Vec<usize>> = (0..n)
        .map(|v| edges.iter().filter(|e| e.0 == v).map(|e| e.1).collect())
        .collect();
    let order = topological(n, &succs, &preds);
    let mut layer = vec![0usize; n];
    for &v in &order {
        layer[v] = preds[v].iter().map(|&p| layer[p] + 1).max().unwrap_or(0);
    }
    // A card that causes but has no cause sits just before its nearest effect.
    for &v in order.iter().rev() {
        if preds[v].is_empty()
            && let Some(first) = succs[v].iter().map(|&s| layer[s]).min()
        {
            layer[v] = first.saturating_sub(1);
        }
    }
    // Relieve crowded columns, left to right. Each push moves a card right, and a card can
    // be pushed at most `n` columns, so this ends.
    let mut l = 0;
    while l < n * 2 {
        let mut members: Vec<usize> = (0..n).filter(|&v| layer[v] == l).collect();
        if members.len() <= max_rows {
            if (0..n).all(|v| layer[v] <= l) {
                break;
            }
            l += 1;
            continue;
        }
        // Push the cards with the most room before their effects (then the last ones).
        members.sort_by_key(|&v| {
            let slack = succs[v]
                .iter()
                .map(|&s| layer[s])
                .min()
                .map_or(usize::MAX, |m| m - layer[v] - 1);
            (std::cmp::Reverse(slack), std::cmp::Reverse(v))
        });
        for &v in &members[..members.len() - max_rows] {
            push_right(v, l + 1, &succs, &mut layer);
        }
        l += 1;
    }
    layer
}

/// Moves `v` to column `to` at least, and its effects after it.
fn push_right(v: usize, to: usize, succs: &[Vec<usize>], layer: &mut [usize]) {
    let mut stack = vec![(v, to)];
    while let Some((v, to)) = stack.pop() {
        if layer[v] >= to {
            continue;
        }
        layer[v] = to;
        for &s in &succs[v] {
            stack.push((s, to + 1));
        }
    }
}

/// Cards in an order where every cause comes before its effects (Kahn's method, smallest
/// number first, so it is stable).
fn topological(n: usize, succs: &[Vec<usize>], preds: &[Vec<usize>]) -> Vec<usize> {
    let mut indegree: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(v) = ready.pop_first() {
        out.push(v);
        for &s in &succs[v] {
            indegree[s] -= 1;
            if indegree[s] == 0 {
                ready.insert(s);
            }
        }
    }
    out
}

/// The layered graph: cards and waypoints per column, and the short edges between
/// neighbouring columns.
struct Layered {
    /// Nodes: the `cards` cards first, then waypoints.
    cards: usize,
    layer: Vec<usize>,
    /// Nodes of each column, in the initial order.
    columns: Vec<Vec<usize>>,
    /// Edges between neighbouring columns: (left node, right node).
    edges: Vec<(usize, usize)>,
}

impl Layered {
    fn new(n: usize, edges: &[(usize, usize)], card_layer: &[usize]) -> Self {
        let mut layer = card_layer.to_vec();
        let mut short = Vec::new();
        for &(a, b) in edges {
            let mut prev = a;
            for l in layer[a] + 1..layer[b] {
                let waypoint = layer.len();
                layer.push(l);
                short.push((prev, waypoint));
                prev = waypoint;
            }
            short.push((prev, b));
        }
        let count = layer.iter().max().map_or(0, |m| m + 1);
        let mut columns = vec![Vec::new(); count];
        for (v, &l) in layer.iter().enumerate() {
            columns[l].push(v);
        }
        Self {
            cards: n,
            layer,
            columns,
            edges: short,
        }
    }

    fn neighbours(&self, v: usize, left: bool) -> impl Iterator<Item = usize> + '_ {
        self.edges.iter().filter_map(move |&(a, b)| match left {
            true if b == v => Some(a),
            false if a == v => Some(b),
            _ => None,
        })
    }

    /// Crossings between two neighbouring columns for the given ranks.
    fn crossings_between(&self, l: usize, rank: &[usize]) -> usize {
        let between: Vec<(usize, usize)> = self
            .edges
            .iter()
            .filter(|&&(a, _)| self.layer[a] == l)
            .map(|&(a, b)| (rank[a], rank[b]))
            .collect();
        let mut count = 0;
        for (i, &(a1, b1)) in between.iter().enumerate() {
            for &(a2, b2) in &between[i + 1..] {
                if (a1 < a2 && b1 > b2) || (a1 > a2 && b1 < b2) {
                    count += 1;
                }
            }
        }
        count
    }

    fn crossings(&self, order: &[Vec<usize>]) -> usize {
        let rank = self.ranks(order);
        (0..order.len().saturating_sub(1))
            .map(|l| self.crossings_between(l, &rank))
            .sum()
    }

    fn ranks(&self, order: &[Vec<usize>]) -> Vec<usize> {
        let mut rank = vec![0; self.layer.len()];
        for column in order {
            for (r, &v) in column.iter().enumerate() {
                rank[v] = r;
            }
        }
        rank
    }

    /// Barycentre sweeps and neighbour swaps; the order with the fewest crossings wins.
    fn best_order(&self) -> Vec<Vec<usize>> {
        let mut order = self.columns.clone();
        let mut best = order.clone();
        let mut best_crossings = self.crossings(&best);
        for round in 0..ORDER_ROUNDS {
            if best_crossings == 0 {
                break;
            }
            let down = round % 2 == 0;
            let layers: Vec<usize> = if down {
                (1..order.len()).collect()
            } else {
                (0..order.len().saturating_sub(1)).rev().collect()
            };
            for l in layers {
                let rank = self.ranks(&order);
                let mut keyed: Vec<(f32, usize, usize)> = order[l]
                    .iter()
                    .enumerate()
                    .map(|(r, &v)| {
                        let near: Vec<usize> = self.neighbours(v, down).map(|u| rank[u]).collect();
                        let key = if near.is_empty() {
                            r as f32
                        } else {
                            near.iter().sum::<usize>() as f32 / near.len() as f32
                        };
                        (key, r, v)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                order[l] = keyed.into_iter().map(|(_, _, v)| v).collect();
            }
            self.swap_neighbours(&mut order);
            let crossings = self.crossings(&order);
            if crossings < best_crossings {
                best_crossings = crossings;
                best = order.clone();
            }
        }
        best
    }

    /// Swaps two neighbours of a column while that removes crossings.
    fn swap_neighbours(&self, order: &mut [Vec<usize>]) {
        for _ in 0..4 {
            let mut improved = false;
            for l in 0..order.len() {
                for i in 0..order[l].len().saturating_sub(1) {
                    let before = self.local_crossings(order, l);
                    order[l].swap(i, i + 1);
                    if self.local_crossings(order, l) < before {
                        improved = true;
                    } else {
                        order[l].swap(i, i + 1);
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Crossings on both sides of column `l`.
    fn local_crossings(&self, order: &[Vec<usize>], l: usize) -> usize {
        let rank = self.ranks(order);
        let left = l
            .checked_sub(1)
            .map_or(0, |k| self.crossings_between(k, &rank));
        let right = if l + 1 < order.len() {
            self.crossings_between(l, &rank)
        } else {
            0
        };
        left + right
    }

    /// The height of each card: near the average height of the cards it links to, in its
    /// column's order, with a card's room between cards (less for waypoints). Each column is
    /// placed by least squares under the order constraint (pool adjacent violators).
    fn vertical_places(&self, order: &[Vec<usize>], waypoint_step: f32) -> Vec<f32> {
        let gap = |v: usize| {
            if v < self.cards {
                ROW_STEP
            } else {
                waypoint_step
            }
        };
        let mut y = vec![0.0f32; self.layer.len()];
        // Start: each column centred, cards one under the other (y up: first on top).
        for column in order {
            let mut offsets = Vec::with_capacity(column.len());
            let mut at = 0.0;
            for (i, &v) in column.iter().enumerate() {
                if i > 0 {
                    at -= (gap(column[i - 1]) + gap(v)) / 2.0;
                }
                offsets.push(at);
            }
            let shift = -at / 2.0;
            for (&v, o) in column.iter().zip(offsets) {
                y[v] = o + shift;
            }
        }
        for round in 0..8 {
            let down = round % 2 == 0;
            let layers: Vec<usize> = if down {
                (1..order.len()).collect()
            } else {
                (0..order.len().saturating_sub(1)).rev().collect()
            };
            for l in layers {
                let column = &order[l];
                let wanted: Vec<f32> = column
                    .iter()
                    .map(|&v| {
                        let near: Vec<f32> = self
                            .neighbours(v, true)
                            .chain(self.neighbours(v, false))
                            .map(|u| y[u])
                            .collect();
                        if near.is_empty() {
                            y[v]
                        } else {
                            near.iter().sum::<f32>() / near.len() as f32
                        }
                    })
                    .collect();
                let gaps: Vec<f32> = column
                    .windows(2)
                    .map(|w| (gap(w[0]) + gap(w[1])) / 2.0)
                    .collect();
                for (&v, place) in column.iter().zip(ordered_least_squares(&wanted, &gaps)) {
                    y[v] = place;
                }
            }
        }
        // Centre the cards of the poster.
        let cards = &y[..self.cards];
        let top = cards.iter().copied().fold(f32::MIN, f32::max);
        let bottom = cards.iter().copied().fold(f32::MAX, f32::min);
        let middle = (top + bottom) / 2.0;
        cards.iter().map(|v| v - middle).collect()
    }
}

/// Heights as close as possible (least squares) to `wanted`, going down the column: each at
/// least `gaps[i]` below the one before. Pool adjacent violators on the shifted problem.
fn ordered_least_squares(wanted: &[f32], gaps: &[f32]) -> Vec<f32> {
    // Remove the gaps: z_i = y_i + offset_i must be non-increasing.
    let mut offsets = vec![0.0f32; wanted.len()];
    for i in 1..wanted.len() {
        offsets[i] = offsets[i - 1] + gaps[i - 1];
    }
    // Blocks of (mean, count) of the shifted values, kept non-increasing.
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (w, o) in wanted.iter().zip(&offsets) {
        blocks.push((w + o, 1));
        while blocks.len() > 1 {
            let (m2, c2) = blocks[blocks.len() - 1];
            let (m1, c1) = blocks[blocks.len() - 2];
            if m1 >= m2 {
                break;
            }
            blocks.pop();
            let merged = (m1 * c1 as f32 + m2 * c2 as f32) / (c1 + c2) as f32;
            *blocks.last_mut().expect("two blocks") = (merged, c1 + c2);
        }
    }
    blocks
        .into_iter()
        .flat_map(|(m, c)| std::iter::repeat_n(m, c))
        .zip(offsets)
        .map(|(z, o)| z - o)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlapping(p: &[Pos]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                if (p[i].x - p[j].x).abs() < CARD_WIDTH && (p[i].y - p[j].y).abs() < CARD_HEIGHT {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn a_chain_goes_left_to_right_on_one_line() {
        let p = layered_layout(4, &[(0, 1), (1, 2), (2, 3)]);
        for w in p.windows(2) {
            assert!(w[0].x < w[1].x, "{p:?}");
            assert!((w[0].y - w[1].y).abs() < 1.0, "{p:?}");
        }
    }

    #[test]
    fn cycles_and_self_loops_do_not_hang() {
        let p = layered_layout(3, &[(0, 1), (1, 2), (2, 0), (1, 1), (0, 1)]);
        assert_eq!(p.len(), 3);
        assert!(overlapping(&p).is_empty(), "{p:?}");
    }

    #[test]
    fn a_wide_fan_is_split_into_columns_and_fits_the_board() {
        let edges: Vec<(usize, usize)> = (1..30).map(|i| (0, i)).collect();
        let p = layered_layout(30, &edges);
        assert!(overlapping(&p).is_empty());
        assert!(p.iter().all(|q| q.is_on_board()));
        assert!(
            p[1..].iter().all(|q| q.x > p[0].x),
            "effects right of the cause"
        );
    }

    #[test]
    fn ordering_removes_an_avoidable_crossing() {
        // 0→3 and 1→2 cross if kept in card order; the layout must untangle them.
        let p = layered_layout(4, &[(0, 3), (1, 2)]);
        let (a, b) = ((p[0], p[3]), (p[1], p[2]));
        let above = |s: (Pos, Pos), t: (Pos, Pos)| s.0.y > t.0.y && s.1.y > t.1.y;
        assert!(above(a, b) || above(b, a), "{p:?}");
    }

    #[test]
    fn least_squares_keeps_order_and_gaps() {
        let y = ordered_least_squares(&[0.0, 0.0, 0.0], &[10.0, 10.0]);
        assert_eq!(y, vec![10.0, 0.0, -10.0]);
        let y = ordered_least_squares(&[100.0, -100.0], &[10.0]);
        assert_eq!(y, vec![100.0, -100.0]);
    }
}
