//! The few words the printed pages add to a deck's own text, in the deck's language (French
//! or English; any other language gets English).

/// Words printed around the deck's content.
pub struct Labels {
    pub round: &'static str,
    pub lot: &'static str,
    pub back: &'static str,
    pub sources: &'static str,
    pub sources_on_sheet: &'static str,
    pub lot_heading: &'static str,
    pub sources_colon: &'static str,
    pub date: &'static str,
    pub sheet: &'static str,
    pub kind_links: &'static str,
    pub kind_categories: &'static str,
    pub kind_timeline: &'static str,
    pub kind_matching: &'static str,
    pub intro: &'static str,
    pub lots: &'static str,
    pub reference_links: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub also_reverse: &'static str,
    pub misconceptions: &'static str,
    pub zones: &'static str,
    pub order: &'static str,
    pub step: &'static str,
    pub any_order: &'static str,
    pub pairs: &'static str,
    pub debrief: &'static str,
    pub duration: &'static str,
    pub audience: &'static str,
    pub how_to_print: &'static str,
}

const FR: Labels = Labels {
    round: "Manche",
    lot: "lot",
    back: "verso",
    sources: "Sources",
    sources_on_sheet: "détail sur la fiche de l'animateur",
    lot_heading: "Lot",
    sources_colon: "Sources : ",
    date: "Date : ",
    sheet: "Fiche de l'animateur",
    kind_links: "Causes et conséquences : relier les cartes par des flèches",
    kind_categories: "Classer les cartes dans des zones",
    kind_timeline: "Remettre les cartes dans l'ordre",
    kind_matching: "Associer les cartes par paires",
    intro: "Consigne",
    lots: "Les lots, dans l'ordre où on les distribue",
    reference_links: "Les flèches de référence",
    required: "attendue",
    optional: "possible",
    also_reverse: "Dans l'autre sens aussi",
    misconceptions: "Erreurs fréquentes",
    zones: "Les zones et les cartes qui y vont",
    order: "L'ordre de référence",
    step: "Étape",
    any_order: "dans n'importe quel ordre",
    pairs: "Les paires de référence",
    debrief: "Pour le débrief",
    duration: "Durée",
    audience: "Public",
    how_to_print: "Impression : A4, recto verso bord long, à 100 % (sans ajustement à la page). \
                   Découpez le long des traits de coupe ; chaque verso tombe derrière son recto.",
};

const EN: Labels = Labels {
    round: "Round",
    lot: "lot",
    back: "back",
    sources: "Sources",
    sources_on_sheet: "in full on the facilitator's sheet",
    lot_heading: "Lot",
    sources_colon: "Sources: ",
    date: "Date: ",
    sheet: "Facilitator's sheet",
    kind_links: "Causes and effects: link the cards with arrows",
    kind_categories: "Sort the cards into zones",
    kind_timeline: "Put the cards in order",
    kind_matching: "Match the cards in pairs",
    intro: "Instructions",
    lots: "The lots, in the order they are dealt",
    reference_links: "The reference arrows",
    required: "expected",
    optional: "possible",
    also_reverse: "The other way too",
    misconceptions: "Common mistakes",
    zones: "The zones and the cards that go there",
    order: "The reference order",
    step: "Step",
    any_order: "in any order",
    pairs: "The reference pairs",
    debrief: "For the debrief",
    duration: "Duration",
    audience: "Audience",
    how_to_print: "Printing: A4, two-sided on the long edge, at 100 % (no fit to page). \
                   Cut along the crop marks; each back falls behind its front.",
};

/// The labels for a deck's language code (`fr`, `fr-CA`, `en`…).
pub fn for_language(code: &str) -> &'static Labels {
    if code == "fr" || code.starts_with("fr-") {
        &FR
    } else {
        &EN
    }
}
