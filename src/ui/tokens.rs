//! Colours, spacing and sizes: every visual constant of the UI lives here.
//!
//! Metric colours are stable per metric id (the same metric has the same colour in the reader,
//! the table and the charts, in every session), chosen from a palette that stays readable as a
//! translucent highlight on both light and dark backgrounds.

use egui::Color32;

/// Space between sections.
pub const GAP: f32 = 8.0;
/// Height of a table row.
pub const ROW_HEIGHT: f32 = 22.0;
/// Default width of the articles panel.
pub const ARTICLES_WIDTH: f32 = 280.0;
/// Default width of the review panel.
pub const REVIEW_WIDTH: f32 = 330.0;
/// Default height of the facts table.
pub const TABLE_HEIGHT: f32 = 300.0;
/// Alpha of a fact's highlight in the reader, and of the selected one.
pub const HIGHLIGHT_ALPHA: u8 = 70;
pub const SELECTED_ALPHA: u8 = 170;

/// Status colours.
pub const ACCEPTED: Color32 = Color32::from_rgb(46, 160, 67);
pub const REJECTED: Color32 = Color32::from_rgb(210, 60, 60);
pub const PENDING: Color32 = Color32::from_rgb(140, 140, 140);
pub const CORRECTED: Color32 = Color32::from_rgb(214, 150, 20);
/// Underline of dates and places in the reader.
pub const MENTION_DATE: Color32 = Color32::from_rgb(90, 120, 220);
pub const MENTION_PLACE: Color32 = Color32::from_rgb(150, 90, 200);
/// Warning and error text.
pub const WARN: Color32 = Color32::from_rgb(214, 150, 20);
pub const ERROR: Color32 = Color32::from_rgb(210, 60, 60);

const PALETTE: [Color32; 16] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(174, 199, 232),
    Color32::from_rgb(255, 187, 120),
    Color32::from_rgb(152, 223, 138),
    Color32::from_rgb(255, 152, 150),
    Color32::from_rgb(197, 176, 213),
    Color32::from_rgb(196, 156, 148),
    Color32::from_rgb(219, 219, 141),
];

/// The colour of a metric: fixed for the common ones, hashed from the id for the others.
pub fn metric_color(id: &str) -> Color32 {
    let fixed = match id {
        "cases_cumulative" => Some(0),
        "cases_new" => Some(1),
        "cases_community" => Some(12),
        "cases_in_quarantine" => Some(10),
        "deaths" => Some(3),
        "recovered" => Some(2),
        "vaccine_doses_total" => Some(4),
        "vaccine_doses_first" => Some(13),
        "vaccine_doses_full" => Some(6),
        "lockdown_points" => Some(5),
        "lockdown_households" => Some(14),
        "lockdown_people" => Some(7),
        "tests_samples" => Some(8),
        "fines_amount_vnd" => Some(15),
        "violations_fined" => Some(11),
        "other" => None,
        _ => {
            let h = id
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
            Some((h % PALETTE.len() as u32) as usize)
        }
    };
    fixed.map_or(Color32::from_gray(150), |i| PALETTE[i])
}

/// A colour at a given alpha.
pub fn with_alpha(c: Color32, a: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), a)
}
